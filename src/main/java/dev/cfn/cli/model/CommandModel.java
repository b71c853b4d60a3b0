package dev.cfn.cli.model;

import dev.cfn.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import picocli.CommandLine;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Range;
import picocli.CommandLine.ScopeType;

/**
 * One command's picocli model, read from the JSON resource that {@link CommandModelWriter} made at
 * build time from the command's annotations, and built into a {@link CommandSpec} through picocli's
 * programmatic API. The same model picocli builds from the annotations, without reading one: the
 * JDK makes every annotation instance a dynamic proxy class, generated at run time and never held
 * by the AOT cache, and those proxies were a third of a one-shot command's start (~35 ms).
 * CommandModelTest checks, for every command, that both models give the same document, usage text
 * and completion script.
 */
public final class CommandModel {
    /** Where the resources are, relative to the class path's root: one {@code <class name>.json} each. */
    public static final String RESOURCE_FOLDER = "META-INF/cfn/commands";

    private static final Map<Class<?>, Optional<CommandModel>> LOADED = new ConcurrentHashMap<>();

    private final Class<?> type;
    private final Map<String, Object> document;

    private CommandModel(Class<?> type, Map<String, Object> document) {
        this.type = type;
        this.document = document;
    }

    /**
     * The model of {@code command}, or empty when the build wrote none for it (classes compiled
     * without Maven's {@code process-classes} phase): the caller then lets picocli read the
     * annotations.
     */
    public static Optional<CommandModel> of(Class<?> command) {
        return LOADED.computeIfAbsent(command, CommandModel::load);
    }

    private static Optional<CommandModel> load(Class<?> command) {
        String resource = "/" + RESOURCE_FOLDER + "/" + command.getName() + ".json";
        try (InputStream in = CommandModel.class.getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            Object document = new JsonReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)).document();
            if (!(document instanceof Map<?, ?>)) {
                throw new IOException("not a JSON object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) document;
            return Optional.of(new CommandModel(command, map));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the command model " + resource + ": " + e.getMessage(), e);
        }
    }

    /** The command's name. */
    public String name() {
        return string(document, "name");
    }

    /** The class of the subcommand called {@code word} (by name or alias), or null. */
    public Class<?> subcommand(String word) {
        for (Map<String, Object> sub : maps(document, "subcommands")) {
            if (word.equals(sub.get("name")) || strings(sub, "aliases").contains(word)) {
                return classNamed(string(sub, "class"));
            }
        }
        return null;
    }

    /** The classes of the subcommands, in their declared order. */
    public List<Class<?>> subcommands() {
        List<Class<?>> classes = new ArrayList<>();
        for (Map<String, Object> sub : maps(document, "subcommands")) {
            classes.add(classNamed(string(sub, "class")));
        }
        return classes;
    }

    /**
     * The command's spec (without its subcommands) bound to {@code command}, an instance of this
     * model's class: options and parameters set its fields, mixins are created where the field is
     * empty, and its {@code @Spec} fields are set, as picocli does for an annotated object.
     */
    public CommandSpec build(Object command) {
        if (!type.isInstance(command)) {
            throw new IllegalArgumentException(command.getClass().getName() + " is not a " + type.getName());
        }
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command);
        spec.name(name());
        spec.aliases(strings(document, "aliases").toArray(String[]::new));
        spec.helpCommand(bool(document, "helpCommand"));
        List<String> version = strings(document, "version");
        if (!version.isEmpty()) {
            spec.version(version.toArray(String[]::new));
        }
        usage(spec.usageMessage(), map(document, "usage"));
        for (Map<String, Object> element : maps(document, "args")) {
            Map<String, Object> mixin = map(element, "mixin");
            if (mixin == null) {
                spec.add(arg(element, command));
            } else {
                Object target = mixinTarget(command, mixin);
                CommandSpec mixinSpec = CommandSpec.wrapWithoutInspection(target);
                for (Map<String, Object> arg : maps(mixin, "args")) {
                    mixinSpec.add(arg(arg, target));
                }
                spec.addMixin(string(mixin, "name"), mixinSpec);
            }
        }
        for (Map<String, Object> field : maps(document, "specFields")) {
            set(field(field), command, spec);
        }
        String versionProvider = string(document, "versionProvider");
        if (versionProvider != null) {
            Object provider = instantiate(classNamed(versionProvider));
            for (Map<String, Object> field : maps(document, "versionProviderSpecFields")) {
                set(field(field), provider, spec);
            }
            spec.versionProvider((CommandLine.IVersionProvider) provider);
        }
        return spec;
    }

    private static ArgSpec arg(Map<String, Object> arg, Object target) {
        Field field = field(map(arg, "field"));
        FieldBinding binding = new FieldBinding(target, field);
        Class<?>[] auxiliary = strings(arg, "auxiliaryTypes").stream()
                .map(CommandModel::classNamed)
                .toArray(Class<?>[]::new);
        CommandLine.ITypeConverter<?>[] converters = strings(arg, "converters").stream()
                .map(name -> (CommandLine.ITypeConverter<?>) instantiate(classNamed(name)))
                .toArray(CommandLine.ITypeConverter<?>[]::new);
        Object initial = bool(arg, "hasInitialValue") ? binding.get() : null;
        List<String> candidates = arg.get("completionCandidates") == null ? null : strings(arg, "completionCandidates");
        // The same setters twice: picocli's common builder class (ArgSpec.Builder) is not public.
        if ("option".equals(arg.get("kind"))) {
            OptionSpec.Builder option = OptionSpec.builder(strings(arg, "names").toArray(String[]::new))
                    .order(((JsonReader.Number) arg.get("order")).intValue())
                    .help(bool(arg, "help"))
                    .usageHelp(bool(arg, "usageHelp"))
                    .versionHelp(bool(arg, "versionHelp"))
                    .fallbackValue(string(arg, "fallbackValue"))
                    .userObject(field)
                    .withToString(string(arg, "toString"))
                    .getter(binding)
                    .setter(binding)
                    .arity(range(map(arg, "arity")))
                    .required(bool(arg, "required"))
                    .paramLabel(string(arg, "paramLabel"))
                    .hideParamSyntax(bool(arg, "hideParamSyntax"))
                    .description(strings(arg, "description").toArray(String[]::new))
                    .descriptionKey(string(arg, "descriptionKey"))
                    .type(classNamed(string(arg, "type")))
                    .auxiliaryTypes(auxiliary)
                    .converters(converters)
                    .splitRegex(string(arg, "splitRegex"))
                    .splitRegexSynopsisLabel(string(arg, "splitRegexSynopsisLabel"))
                    .hidden(bool(arg, "hidden"))
                    .defaultValue(string(arg, "defaultValue"))
                    .showDefaultValue(Visibility.valueOf(string(arg, "showDefaultValue")))
                    .scopeType(ScopeType.valueOf(string(arg, "scopeType")))
                    .hasInitialValue(bool(arg, "hasInitialValue"))
                    .initialValue(initial)
                    .completionCandidates(candidates);
            option.mapFallbackValue(string(arg, "mapFallbackValue")); // returns the non-public type
            return option.build();
        }
        PositionalParamSpec.Builder positional = PositionalParamSpec.builder()
                .index(range(map(arg, "index")))
                .userObject(field)
                .withToString(string(arg, "toString"))
                .getter(binding)
                .setter(binding)
                .arity(range(map(arg, "arity")))
                .required(bool(arg, "required"))
                .paramLabel(string(arg, "paramLabel"))
                .hideParamSyntax(bool(arg, "hideParamSyntax"))
                .description(strings(arg, "description").toArray(String[]::new))
                .descriptionKey(string(arg, "descriptionKey"))
                .type(classNamed(string(arg, "type")))
                .auxiliaryTypes(auxiliary)
                .converters(converters)
                .splitRegex(string(arg, "splitRegex"))
                .splitRegexSynopsisLabel(string(arg, "splitRegexSynopsisLabel"))
                .hidden(bool(arg, "hidden"))
                .defaultValue(string(arg, "defaultValue"))
                .showDefaultValue(Visibility.valueOf(string(arg, "showDefaultValue")))
                .scopeType(ScopeType.valueOf(string(arg, "scopeType")))
                .hasInitialValue(bool(arg, "hasInitialValue"))
                .initialValue(initial)
                .completionCandidates(candidates);
        positional.mapFallbackValue(string(arg, "mapFallbackValue"));
        return positional.build();
    }

    private static void usage(UsageMessageSpec usage, Map<String, Object> m) {
        usage.headerHeading(string(m, "headerHeading"))
                .header(strings(m, "header").toArray(String[]::new))
                .synopsisHeading(string(m, "synopsisHeading"))
                .synopsisSubcommandLabel(string(m, "synopsisSubcommandLabel"))
                .abbreviateSynopsis(bool(m, "abbreviateSynopsis"))
                .customSynopsis(strings(m, "customSynopsis").toArray(String[]::new))
                .descriptionHeading(string(m, "descriptionHeading"))
                .description(strings(m, "description").toArray(String[]::new))
                .parameterListHeading(string(m, "parameterListHeading"))
                .optionListHeading(string(m, "optionListHeading"))
                .sortOptions(bool(m, "sortOptions"))
                .sortSynopsis(bool(m, "sortSynopsis"))
                .requiredOptionMarker(string(m, "requiredOptionMarker").charAt(0))
                .showDefaultValues(bool(m, "showDefaultValues"))
                .showAtFileInUsageHelp(bool(m, "showAtFileInUsageHelp"))
                .showEndOfOptionsDelimiterInUsageHelp(bool(m, "showEndOfOptionsDelimiterInUsageHelp"))
                .hidden(bool(m, "hidden"))
                .commandListHeading(string(m, "commandListHeading"))
                .exitCodeListHeading(string(m, "exitCodeListHeading"))
                .footerHeading(string(m, "footerHeading"))
                .footer(strings(m, "footer").toArray(String[]::new));
        Map<String, String> codes = new LinkedHashMap<>();
        map(m, "exitCodeList").forEach((k, v) -> codes.put(k, (String) v));
        usage.exitCodeList(codes);
    }

    private static Range range(Map<String, Object> m) {
        return Range.valueOf(string(m, "value")).unspecified(bool(m, "unspecified"));
    }

    /** The mixin's object: the value of its field in {@code command}, created there when empty. */
    private static Object mixinTarget(Object command, Map<String, Object> mixin) {
        Map<String, Object> fieldName = map(mixin, "field");
        if (fieldName == null) {
            return instantiate(classNamed(string(mixin, "class")));
        }
        Field field = field(fieldName);
        Object target = new FieldBinding(command, field).get();
        if (target == null) {
            target = instantiate(classNamed(string(mixin, "class")));
            set(field, command, target);
        }
        return target;
    }

    private static Field field(Map<String, Object> m) {
        try {
            Field field = classNamed(string(m, "class")).getDeclaredField(string(m, "name"));
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("the command model names a missing field " + m + "; rebuild cfn", e);
        }
    }

    private static void set(Field field, Object target, Object value) {
        new FieldBinding(target, field).set(value);
    }

    private static Object instantiate(Class<?> type) {
        try {
            Constructor<?> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + type.getName() + ": " + e, e);
        }
    }

    private static Class<?> classNamed(String name) {
        Class<?> primitive = switch (name) {
            case "boolean" -> boolean.class;
            case "byte" -> byte.class;
            case "char" -> char.class;
            case "short" -> short.class;
            case "int" -> int.class;
            case "long" -> long.class;
            case "float" -> float.class;
            case "double" -> double.class;
            default -> null;
        };
        if (primitive != null) {
            return primitive;
        }
        try {
            return Class.forName(name, false, CommandModel.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the command model names a missing class " + name + "; rebuild cfn", e);
        }
    }

    private static String string(Map<String, Object> m, String key) {
        return (String) m.get(key);
    }

    private static boolean bool(Map<String, Object> m, String key) {
        return Boolean.TRUE.equals(m.get(key));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> m, String key) {
        return (Map<String, Object>) m.get(key);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Map<String, Object> m, String key) {
        Object list = m.get(key);
        return list == null ? List.of() : (List<Map<String, Object>>) list;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Map<String, Object> m, String key) {
        Object list = m.get(key);
        return list == null ? List.of() : (List<String>) list;
    }

    /** Reads and writes one field of one object, as picocli's own (package-private) binding does. */
    private record FieldBinding(Object target, Field field)
            implements CommandLine.Model.IGetter, CommandLine.Model.ISetter {
        @Override
        @SuppressWarnings("unchecked")
        public <T> T get() {
            try {
                return (T) field.get(target);
            } catch (IllegalAccessException e) {
                throw new CommandLine.PicocliException("cannot read " + field + ": " + e, e);
            }
        }

        @Override
        public <T> T set(T value) {
            T old = get();
            try {
                field.set(target, value);
            } catch (IllegalAccessException e) {
                throw new CommandLine.PicocliException("cannot set " + field + ": " + e, e);
            }
            return old;
        }
    }
}
