package dev.cfn.agents.llm;

import dev.cfn.InvalidInputException;
import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.RuntimeKind;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where an API agent's calls go: a named provider of {@code <home>/config} ({@code
 * provider.<name>.kind} anthropic or openai, {@code .base_url}, {@code .api_key_env}, {@code
 * .max_concurrency}, {@code .model}; the settings reach the runtime in cfn's agent environment under
 * these keys), or the built-in {@code anthropic} and {@code openai}. The definition's {@code
 * base_url} and {@code api_key_env} win over the entry. Holds the name of the key's variable, never
 * the key.
 *
 * @param kind the wire format: {@link RuntimeKind#ANTHROPIC} or {@link RuntimeKind#OPENAI}
 * @param baseUrl the API's base URL, or null for the SDK's default
 * @param model the model for definitions that name none (or a Claude alias on an openai provider), or null
 */
public record Provider(
        String name, RuntimeKind kind, String baseUrl, String apiKeyEnv, int maxConcurrency, String model) {
    /** Calls in flight per provider when its entry sets no {@code max_concurrency}. */
    public static final int DEFAULT_MAX_CONCURRENCY = 16;

    static final String PREFIX = "provider.";

    public Provider {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(apiKeyEnv, "apiKeyEnv");
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrency must be >= 1, but was " + maxConcurrency);
        }
    }

    /**
     * The provider of {@code d}: its {@code provider:} (else its PROVIDER_PARAMETERS block's, else its
     * runtime's name) looked up in {@code env} (cfn's agent environment, which holds the config's
     * {@code provider.*} keys and the variables {@code ANTHROPIC_BASE_URL}/{@code OPENAI_BASE_URL}).
     *
     * @throws InvalidInputException naming the missing {@code <home>/config} entry for an unknown
     *     provider, or the value at fault
     */
    public static Provider of(AgentDefinition d, Map<String, String> env) {
        ProviderParameters block = ProviderParameters.of(d.body());
        String name = first(
                d.extraText("provider"), block.get("provider"), d.runtime().label());
        name = name.strip().toLowerCase(Locale.ROOT);
        String key = PREFIX + name + ".";
        String kindText = env.get(key + "kind");
        RuntimeKind kind;
        if (kindText != null) {
            kind = switch (kindText.strip().toLowerCase(Locale.ROOT)) {
                case "anthropic" -> RuntimeKind.ANTHROPIC;
                case "openai" -> RuntimeKind.OPENAI;
                default ->
                    throw new InvalidInputException("<home>/config: " + key
                            + "kind must be anthropic or openai, but was '" + kindText.strip() + "'");
            };
        } else if (name.equals("anthropic")) {
            kind = RuntimeKind.ANTHROPIC;
        } else if (name.equals("openai")) {
            kind = RuntimeKind.OPENAI;
        } else {
            throw new InvalidInputException(
                    "agent " + d.name() + " names provider '" + name + "', but <home>/config has no " + key
                            + "kind entry (set " + key + "kind, " + key + "base_url and " + key + "api_key_env)");
        }
        boolean anthropic = kind == RuntimeKind.ANTHROPIC;
        String builtInUrl =
                name.equals(kind.label()) ? env.get(anthropic ? "ANTHROPIC_BASE_URL" : "OPENAI_BASE_URL") : null;
        String baseUrl = first(d.extraText("base_url"), block.get("base_url"), env.get(key + "base_url"), builtInUrl);
        String keyEnv = first(
                d.extraText("api_key_env"),
                block.get("api_key_env"),
                env.get(key + "api_key_env"),
                anthropic ? "ANTHROPIC_API_KEY" : "OPENAI_API_KEY");
        return new Provider(
                name,
                kind,
                blankToNull(baseUrl),
                keyEnv.strip(),
                concurrency(env.get(key + "max_concurrency"), key),
                blankToNull(env.get(key + "model")));
    }

    private static int concurrency(String value, String key) {
        if (value == null) {
            return DEFAULT_MAX_CONCURRENCY;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException("<home>/config: " + key
                + "max_concurrency must be a whole number >= 1, but was '" + value.strip() + "'");
    }

    /** Where clients are shared: one per provider, URL and key. */
    String clientKey(String apiKey) {
        return name + "\n" + kind + "\n" + baseUrl + "\n" + Integer.toHexString(apiKey.hashCode());
    }

    static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
