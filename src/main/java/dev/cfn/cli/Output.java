package dev.cfn.cli;

import dev.cfn.json.JsonText;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prints a command's result: one JSON document with {@code --json}, human text otherwise.
 * Warnings and progress go to stderr so stdout stays machine-readable. JSON is written by {@link
 * JsonText}, which loads Jackson only when a document is printed.
 */
public final class Output {

    private final boolean json;
    private final PrintStream out;
    private final PrintStream err;

    public Output(boolean json, PrintStream out, PrintStream err) {
        this.json = json;
        this.out = out;
        this.err = err;
    }

    public boolean json() {
        return json;
    }

    /** Prints {@code document} as JSON when {@code --json} is set, else runs {@code human}. */
    public void print(Object document, Runnable human) {
        if (json) {
            out.println(JsonText.of(document));
        } else {
            human.run();
        }
    }

    public void line(String text) {
        out.println(text);
    }

    /** Prints text exactly as given (no newline added), e.g. a skill's content. */
    public void text(String text) {
        out.print(text);
    }

    public void warn(String text) {
        err.println("cfn: warning: " + text);
    }

    public PrintStream err() {
        return err;
    }

    /** A left-aligned text table; null cells print as '-'. */
    public void table(List<String> headers, List<List<Object>> rows) {
        int[] widths = new int[headers.size()];
        List<List<String>> cells = new ArrayList<>();
        for (List<Object> row : rows) {
            List<String> r = new ArrayList<>();
            for (Object cell : row) {
                r.add(format(cell));
            }
            cells.add(r);
        }
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<String> r : cells) {
                widths[i] = Math.max(widths[i], r.get(i).length());
            }
        }
        out.println(pad(headers, widths));
        for (List<String> r : cells) {
            out.println(pad(r, widths));
        }
    }

    /** Prints key: value lines. */
    public void fields(Map<String, ?> fields) {
        int width = fields.keySet().stream().mapToInt(String::length).max().orElse(0);
        fields.forEach((k, v) -> out.println(String.format("%-" + (width + 1) + "s %s", k + ":", format(v))));
    }

    static String format(Object cell) {
        if (cell == null) {
            return "-";
        }
        if (cell instanceof Double d) {
            return String.format("%.3f", d);
        }
        return cell.toString();
    }

    private static String pad(List<String> row, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < row.size(); i++) {
            if (i > 0) {
                line.append("  ");
            }
            line.append(i == row.size() - 1 ? row.get(i) : String.format("%-" + widths[i] + "s", row.get(i)));
        }
        return line.toString();
    }

    public void flush() {
        out.flush();
        err.flush();
    }
}
