package dev.cfn.cli;

import dev.cfn.cli.loop.LoopRuns;
import dev.cfn.http.ApiLoops;
import dev.cfn.loop.LoopListener;
import dev.cfn.loop.RunStore;
import dev.cfn.mcp.CfnMcpServer;
import dev.cfn.mcp.McpServices;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;

@Command(
        name = "mcp",
        description = {
            "Serve cfn as an MCP server on stdio (JSON-RPC on stdin and stdout; logs on stderr) until the client closes stdin.",
            "",
            "Tools: skills_for_agent, skill_show, skill_search, skill_propose (the version waits for review, never"
                    + " deployed), loop_start, loop_status, loop_list; each answers the --json document of the"
                    + " cfn command it mirrors, and a failure is a tool error with that command's one-line message."
                    + " Resources: each deployed skill as skill://NAME/VERSION (its SKILL.md). Loops started here"
                    + " run in this process (stored, resumable with cfn loop resume if it ends).",
            "",
            "Register it with Claude Code: claude mcp add cfn -- cfn mcp (add --home DIR to use another cfn home; the"
                    + " tools then show as mcp__cfn__skill_show and so on)."
        },
        footer = {
            "",
            "Example: cfn --home /path/to/project/.cfn mcp  (what Claude Code runs after: claude mcp add cfn -- cfn"
                    + " --home /path/to/project/.cfn mcp)"
        })
public final class McpCommand extends CfnSubcommand {
    /** Loops a client may run at once through loop_start. */
    static final int MAX_LOOPS = 4;

    @Override
    protected void execute() throws Exception {
        // stdout carries the protocol only: anything else that would print there goes to stderr.
        OutputStream protocol = new FileOutputStream(FileDescriptor.out);
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        CountDownLatch closed = new CountDownLatch(1);
        InputStream in = new EndOfInput(new FileInputStream(FileDescriptor.in), closed);
        StopSignal stop = ctx().stopSignal();
        stop.onStop(closed::countDown);
        try (ApiLoops loops = new ApiLoops(() -> LoopRuns.resources(ctx()), LoopListener.NONE, MAX_LOOPS)) {
            McpServices services = new McpServices(
                    ctx().registry(),
                    ctx().loader()::load,
                    new RunStore(ctx().database()),
                    loops::start,
                    ctx().clock());
            String version = CfnCommand.class.getPackage().getImplementationVersion();
            try (AutoCloseable server =
                    new CfnMcpServer(services).startStdio(in, protocol, version == null ? "dev" : version)) {
                closed.await();
            }
        }
    }

    /** Tells when the client closed stdin (end of input or a read error). */
    private static final class EndOfInput extends FilterInputStream {
        private final CountDownLatch closed;

        EndOfInput(InputStream in, CountDownLatch closed) {
            super(in);
            this.closed = closed;
        }

        @Override
        public int read() throws IOException {
            return seen(guarded(() -> super.read()));
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return seen(guarded(() -> super.read(b, off, len)));
        }

        private int seen(int n) {
            if (n < 0) {
                closed.countDown();
            }
            return n;
        }

        private interface Read {
            int read() throws IOException;
        }

        private int guarded(Read read) throws IOException {
            try {
                return read.read();
            } catch (IOException e) {
                closed.countDown();
                throw e;
            }
        }
    }
}
