package dev.cfn.redis;

import dev.cfn.InvalidInputException;
import dev.cfn.protocol.Phase;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The one key scheme of cfn's coordination, mirrored by {@code docs/coordination-protocol.md}: every
 * Redis key (and every key of the in-process keyspace) is built here, with its type and TTL, so
 * names cannot drift. Ids are validated on the way in; a namespace, empty in production, isolates
 * tests and benchmarks sharing one Redis. Immutable and thread-safe.
 */
public final class KeyScheme {
    /** Task and agent ids: what plain Redis clients in any language can type and glob safely. */
    public static final Pattern ID = Pattern.compile("^[a-zA-Z0-9_.:-]{1,128}$");

    /** A message list keeps the newest this many entries. */
    public static final int MAX_MESSAGES = 100;

    /** Queue names, agent types and worker ids inside queue keys: the id alphabet without ':'. */
    public static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9_.-]{1,64}$");

    /** The consumer group every worker of a queue reads its streams with. */
    public static final String WORKER_GROUP = "cfn-workers";

    private static final Pattern NAMESPACE = Pattern.compile("^[a-zA-Z0-9_.:-]{0,64}$");
    private static final KeyScheme STANDARD = new KeyScheme("");
    private static final Pattern AGENT_IDS_SHAPE = Pattern.compile("^swarm:.+:loop[23]:agent_ids:iteration[0-9]+$");

    /** The kinds of key, with their template, Redis type and time to live. */
    public enum Kind {
        DONE("swarm:{task}:{agent}:done", "list", Duration.ofSeconds(3600)),
        CONFIDENCE("swarm:{task}:{agent}:confidence", "string", Duration.ofSeconds(3600)),
        RESULT("swarm:{task}:{agent}:result", "hash", Duration.ofSeconds(3600)),
        HEARTBEAT("swarm:{task}:{agent}:heartbeat", "string", Duration.ofSeconds(60)),
        MESSAGES("swarm:{task}:{agent}:messages", "list", Duration.ofHours(24)),
        DECISION("swarm:{task}:decision", "string", Duration.ofSeconds(3600)),
        CONTEXT("swarm:{task}:context", "hash", Duration.ofSeconds(86_400)),
        AGENT_IDS("swarm:{task}:{loop}:agent_ids:iteration{N}", "set", Duration.ofSeconds(86_400)),
        QUERY_CACHE("cache:query:{hash}", "string", Duration.ofSeconds(300)),
        QUEUE_STREAM("queue:{queue}:agents:{type}", "stream", Duration.ofHours(24)),
        QUEUE_TYPES("queue:{queue}:types", "set", Duration.ofHours(24)),
        QUEUE_RESULT("queue:{queue}:result:{run}:{N}:{agent}", "string", Duration.ofHours(24)),
        WORKERS("queue:{queue}:workers", "hash", Duration.ofHours(24)),
        WORKER_HEARTBEAT("queue:{queue}:worker:{id}:heartbeat", "string", Duration.ofSeconds(30)),
        OTHER("(not ours)", "-", Duration.ZERO);

        private final String template;
        private final String redisType;
        private final Duration ttl;

        Kind(String template, String redisType, Duration ttl) {
            this.template = template;
            this.redisType = redisType;
            this.ttl = ttl;
        }

        public String template() {
            return template;
        }

        public String redisType() {
            return redisType;
        }

        public Duration ttl() {
            return ttl;
        }
    }

    private final String namespace;

    private KeyScheme(String namespace) {
        this.namespace = namespace;
    }

    /** The production scheme: keys exactly as documented. */
    public static KeyScheme standard() {
        return STANDARD;
    }

    /**
     * A scheme whose keys all start with {@code namespace} (e.g. {@code it-5f3a:}), for tests and
     * benchmarks that share a Redis with others.
     *
     * @throws IllegalArgumentException if the namespace has characters outside the id alphabet
     */
    public static KeyScheme namespaced(String namespace) {
        if (!NAMESPACE.matcher(Objects.requireNonNull(namespace, "namespace")).matches()) {
            throw new IllegalArgumentException("namespace must match " + NAMESPACE.pattern() + ", but was '"
                    + InvalidInputException.printable(namespace) + "'");
        }
        return new KeyScheme(namespace);
    }

    public String namespace() {
        return namespace;
    }

    public String done(String task, String agent) {
        return agentKey(task, agent, "done");
    }

    public String confidence(String task, String agent) {
        return agentKey(task, agent, "confidence");
    }

    public String result(String task, String agent) {
        return agentKey(task, agent, "result");
    }

    public String heartbeat(String task, String agent) {
        return agentKey(task, agent, "heartbeat");
    }

    public String messages(String task, String agent) {
        return agentKey(task, agent, "messages");
    }

    public String decision(String task) {
        return taskPrefix(task) + "decision";
    }

    public String context(String task) {
        return taskPrefix(task) + "context";
    }

    /**
     * The set of a Loop 3 or Loop 2 iteration's agent ids (the product owner is one agent: it has no set).
     *
     * @throws InvalidInputException if the iteration is below 1
     * @throws IllegalArgumentException for {@link Phase#PRODUCT_OWNER}
     */
    public String agentIds(String task, Phase phase, int iteration) {
        if (phase == Phase.PRODUCT_OWNER) {
            throw new IllegalArgumentException("agent-id sets are kept for loop3 and loop2, not " + phase);
        }
        if (iteration < 1) {
            throw new InvalidInputException("iteration must be >= 1, but was " + iteration);
        }
        return taskPrefix(task) + phase.label() + ":agent_ids:iteration" + iteration;
    }

    /** The query-result cache entry for a hash (hex, produced by the cache itself). */
    public String queryCache(String hash) {
        if (hash == null || hash.isEmpty() || hash.length() > 128) {
            throw new IllegalArgumentException("a query hash must be 1-128 characters");
        }
        return namespace + "cache:query:" + hash;
    }

    /** The SCAN MATCH pattern of every query-cache entry. */
    public String queryCachePattern() {
        return namespace + "cache:query:*";
    }

    /** The stream of agent work of one type in a queue. */
    public String queueStream(String queue, String agentType) {
        return queuePrefix(queue) + "agents:" + requireName("agent type", agentType);
    }

    /** The set of agent types that have a stream in a queue. */
    public String queueTypes(String queue) {
        return queuePrefix(queue) + "types";
    }

    /**
     * The stored result of one agent run, keyed by its idempotency key: the first result written
     * wins, so a redelivered task is counted once.
     *
     * @throws InvalidInputException if an id is invalid or the iteration is below 1
     */
    public String queueResult(String queue, String run, int iteration, String agent) {
        if (iteration < 1) {
            throw new InvalidInputException("iteration must be >= 1, but was " + iteration);
        }
        return queuePrefix(queue) + "result:" + requireTaskId(run) + ":" + iteration + ":" + requireAgentId(agent);
    }

    /** The hash of a queue's workers: worker id to its last status (JSON). */
    public String workers(String queue) {
        return queuePrefix(queue) + "workers";
    }

    /** A worker's heartbeat; it expires after the worker's lease unless renewed. */
    public String workerHeartbeat(String queue, String workerId) {
        return queuePrefix(queue) + "worker:" + requireName("worker id", workerId) + ":heartbeat";
    }

    /** The SCAN MATCH pattern of the worker hashes of every queue. */
    public String workersPattern() {
        return namespace + "queue:*:workers";
    }

    /** The SCAN MATCH pattern of every key of one queue. */
    public String queuePattern(String queue) {
        return queuePrefix(queue) + "*";
    }

    /**
     * @throws InvalidInputException if the name does not match {@link #NAME}
     */
    public static String requireName(String what, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException(what + " must match " + NAME.pattern() + ", but was '"
                    + InvalidInputException.printable(String.valueOf(name)) + "'");
        }
        return name;
    }

    private String queuePrefix(String queue) {
        return namespace + "queue:" + requireName("queue name", queue) + ":";
    }

    /**
     * The SCAN MATCH pattern of every key of a task. Ids have no glob characters, so the pattern is
     * exact; a task id containing ':' nests (task {@code a}'s pattern also covers task {@code a:b}).
     */
    public String taskPattern(String task) {
        return taskPrefix(task) + "*";
    }

    /** The SCAN MATCH pattern of every key in this namespace. */
    public String allPattern() {
        return namespace + "*";
    }

    /** Which kind a key is, by its shape; {@link Kind#OTHER} for keys this scheme never writes. */
    public Kind kindOf(String key) {
        if (!key.startsWith(namespace)) {
            return Kind.OTHER;
        }
        return shapeOf(key.substring(namespace.length()));
    }

    private static Kind shapeOf(String key) {
        if (key.startsWith("cache:query:")) {
            return Kind.QUERY_CACHE;
        }
        if (key.startsWith("queue:")) {
            return queueShapeOf(key.split(":", -1));
        }
        if (!key.startsWith("swarm:")) {
            return Kind.OTHER;
        }
        if (AGENT_IDS_SHAPE.matcher(key).matches()) {
            return Kind.AGENT_IDS;
        }
        int colon = key.lastIndexOf(':');
        String purpose = key.substring(colon + 1);
        boolean agentLevel = key.indexOf(':', "swarm:".length()) < colon;
        return switch (purpose) {
            case "done" -> agentLevel ? Kind.DONE : Kind.OTHER;
            case "confidence" -> agentLevel ? Kind.CONFIDENCE : Kind.OTHER;
            case "result" -> agentLevel ? Kind.RESULT : Kind.OTHER;
            case "heartbeat" -> agentLevel ? Kind.HEARTBEAT : Kind.OTHER;
            case "messages" -> agentLevel ? Kind.MESSAGES : Kind.OTHER;
            case "decision" -> Kind.DECISION;
            case "context" -> Kind.CONTEXT;
            default -> Kind.OTHER;
        };
    }

    private static Kind queueShapeOf(String[] parts) {
        if (parts.length == 3 && parts[2].equals("types")) {
            return Kind.QUEUE_TYPES;
        }
        if (parts.length == 3 && parts[2].equals("workers")) {
            return Kind.WORKERS;
        }
        if (parts.length == 4 && parts[2].equals("agents")) {
            return Kind.QUEUE_STREAM;
        }
        if (parts.length == 5 && parts[2].equals("worker") && parts[4].equals("heartbeat")) {
            return Kind.WORKER_HEARTBEAT;
        }
        return parts.length >= 6 && parts[2].equals("result") ? Kind.QUEUE_RESULT : Kind.OTHER;
    }

    /**
     * @throws InvalidInputException if the id does not match {@link #ID}
     */
    public static String requireTaskId(String task) {
        return requireId("task id", task);
    }

    /**
     * @throws InvalidInputException if the id does not match {@link #ID}
     */
    public static String requireAgentId(String agent) {
        return requireId("agent id", agent);
    }

    private static String requireId(String what, String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new InvalidInputException(what + " must match " + ID.pattern() + ", but was '"
                    + InvalidInputException.printable(String.valueOf(id)) + "'");
        }
        return id;
    }

    private String taskPrefix(String task) {
        return namespace + "swarm:" + requireTaskId(task) + ":";
    }

    private String agentKey(String task, String agent, String purpose) {
        return taskPrefix(task) + requireAgentId(agent) + ":" + purpose;
    }
}
