package dev.cfn.agents;

import dev.cfn.CfnException;
import dev.cfn.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * What models cost, in US dollars per million tokens of each kind: the resource {@code
 * dev/cfn/agents/prices.properties}, overridden model by model by the {@code price.<model>} keys of
 * {@code <home>/config}. A value is four amounts (input, output, cache read, cache write) or another
 * entry's name (an alias: {@code haiku = claude-haiku-4-5}). A dated id such as {@code
 * claude-haiku-4-5-20251001} is priced as its model unless listed itself. A model without a price
 * costs 0, and is warned about once per table. Thread-safe.
 */
public final class PriceTable {
    static final String RESOURCE = "/dev/cfn/agents/prices.properties";
    private static final Pattern DATED = Pattern.compile("-\\d{8}$");
    private static final int MAX_ALIAS_HOPS = 8;

    /** US dollars per million tokens of each kind. */
    public record Price(double input, double output, double cacheRead, double cacheWrite) {
        public Price {
            for (double amount : new double[] {input, output, cacheRead, cacheWrite}) {
                if (!(amount >= 0) || Double.isInfinite(amount)) {
                    throw new IllegalArgumentException("prices must be finite amounts >= 0, but was " + amount);
                }
            }
        }

        /** The cost of {@code usage}'s tokens at these rates, in US dollars. */
        public double cost(Usage usage) {
            return (usage.inputTokens() * input
                            + usage.outputTokens() * output
                            + usage.cacheReadTokens() * cacheRead
                            + usage.cacheWriteTokens() * cacheWrite)
                    / 1_000_000.0;
        }
    }

    private final Map<String, Price> prices;
    private final Consumer<String> warnings;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    private PriceTable(Map<String, Price> prices, Consumer<String> warnings) {
        this.prices = Map.copyOf(prices);
        this.warnings = warnings;
    }

    /** The built-in prices; unknown models are warned about on stderr. */
    public static PriceTable builtIn() {
        return of(Map.of(), "", PriceTable::warnOnStderr);
    }

    /**
     * The built-in prices with {@code overrides} (model or alias to its value, as written after
     * {@code price.} in {@code source}) on top.
     *
     * @param warnings told once per unpriced model (a one-line warning)
     * @throws InvalidInputException naming {@code source} and the key, when a value is neither four
     *     amounts nor the name of a priced entry
     */
    public static PriceTable of(Map<String, String> overrides, String source, Consumer<String> warnings) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        BuiltIn.TEXT.forEach((model, value) -> entries.put(key(model), Entry.parse(RESOURCE, model, value)));
        overrides.forEach((model, value) -> entries.put(key(model), Entry.parse(source, "price." + model, value)));
        Map<String, Price> resolved = new LinkedHashMap<>();
        entries.forEach((model, entry) -> resolved.put(model, resolve(entries, model, entry)));
        return new PriceTable(resolved, Objects.requireNonNull(warnings, "warnings"));
    }

    /** The price of {@code model} (an id, a dated id or an alias), if known. */
    public Optional<Price> price(String model) {
        if (model == null) {
            return Optional.empty();
        }
        String k = key(model);
        Price p = prices.get(k);
        if (p == null) {
            p = prices.get(DATED.matcher(k).replaceFirst(""));
        }
        return Optional.ofNullable(p);
    }

    /**
     * {@code usage} with its cost at {@code model}'s rates; with cost 0 (and a warning the first
     * time) when the model has no price.
     */
    public Usage priced(String model, Usage usage) {
        Optional<Price> price = price(model);
        if (price.isEmpty()) {
            if (warned.add(String.valueOf(model))) {
                warnings.accept("model '" + model + "' has no price: its tokens are counted at $0 (set price." + model
                        + " = input, output, cache read, cache write, in USD per million tokens, in <home>/config)");
            }
            return withCost(usage, 0.0);
        }
        return withCost(usage, price.get().cost(usage));
    }

    private static Usage withCost(Usage u, double cost) {
        return new Usage(
                u.inputTokens(),
                u.outputTokens(),
                u.cacheReadTokens(),
                u.cacheWriteTokens(),
                u.turns(),
                u.apiMs(),
                cost);
    }

    private static Price resolve(Map<String, Entry> entries, String model, Entry entry) {
        Entry at = entry;
        for (int hop = 0; hop < MAX_ALIAS_HOPS; hop++) {
            if (at.price() != null) {
                return at.price();
            }
            Entry next = entries.get(key(at.alias()));
            if (next == null) {
                throw new InvalidInputException(entry.where() + " names '" + at.alias() + "', which has no price");
            }
            at = next;
        }
        throw new InvalidInputException(entry.where() + " is an alias of an alias ... more than " + MAX_ALIAS_HOPS
                + " deep (a loop?), from '" + model + "'");
    }

    private static String key(String model) {
        return model.strip().toLowerCase(Locale.ROOT);
    }

    /** The resource, read once per process when first needed. */
    private static final class BuiltIn {
        static final Map<String, String> TEXT = builtInText();
    }

    private static Map<String, String> builtInText() {
        Properties p = new Properties();
        try (InputStream in = PriceTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new CfnException("the price table " + RESOURCE + " is missing from the jar");
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CfnException("cannot read the price table " + RESOURCE + ": " + e.getMessage(), e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(name -> out.put(name, p.getProperty(name)));
        return out;
    }

    private static void warnOnStderr(String message) {
        System.err.println("cfn: warning: " + message);
    }

    /** One line of a price file: four amounts, or the name of another entry. */
    private record Entry(String where, Price price, String alias) {
        static Entry parse(String source, String key, String value) {
            String where = (source.isEmpty() ? "" : source + ": ") + key;
            String v = value.strip();
            if (!v.contains(",")) {
                if (v.isEmpty() || v.contains(" ")) {
                    throw rule(where, value);
                }
                return new Entry(where, null, v);
            }
            String[] parts = v.split(",", -1);
            if (parts.length != 4) {
                throw rule(where, value);
            }
            double[] amounts = new double[4];
            for (int i = 0; i < 4; i++) {
                try {
                    amounts[i] = Double.parseDouble(parts[i].strip());
                } catch (NumberFormatException e) {
                    throw rule(where, value);
                }
                if (!(amounts[i] >= 0) || Double.isInfinite(amounts[i])) {
                    throw rule(where, value);
                }
            }
            return new Entry(where, new Price(amounts[0], amounts[1], amounts[2], amounts[3]), null);
        }

        private static InvalidInputException rule(String where, String value) {
            return new InvalidInputException(where + " must be four amounts in USD per million tokens (input, output,"
                    + " cache read, cache write) or a model's name, but was '" + InvalidInputException.printable(value)
                    + "'");
        }
    }
}
