package dev.cfn.cli.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.cfn.cli.CfnCommand;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Writes {@link CommandModel}'s resources at build time (Maven's {@code process-classes} phase):
 * one JSON document per command class of cfn's tree, made from the model picocli builds out of the
 * {@code @Command}/{@code @Option} annotations, so that a start never reads an annotation. Fails the
 * build, naming the command, on a picocli feature the model does not carry (argument groups, method
 * options, ...), rather than write a model that would behave differently.
 */
public final class CommandModelWriter {
    private CommandModelWriter() {}

    /** {@code CommandModelWriter CLASSES_DIR}: writes the resources under the compiled classes. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: CommandModelWriter CLASSES_DIR");
        }
        Path folder = Path.of(args[0]).resolve(CommandModel.RESOURCE_FOLDER);
        Files.createDirectories(folder);
        for (Map.Entry<Class<?>, String> document :
                documents(CfnCommand.annotatedTree(new CfnCommand())).entrySet()) {
            Files.writeString(
                    folder.resolve(document.getKey().getName() + ".json"), document.getValue(), StandardCharsets.UTF_8);
        }
    }

    /** The JSON document of every command class under (and including) {@code tree}. */
    public static Map<Class<?>, String> documents(CommandLine tree) {
        Map<Class<?>, String> documents = new LinkedHashMap<>();
        collect(tree, documents);
        return documents;
    }

    private static void collect(CommandLine command, Map<Class<?>, String> documents) {
        documents.put(command.getCommandSpec().userObject().getClass(), document(command.getCommandSpec()));
        for (CommandLine sub : new LinkedHashMap<>(command.getSubcommands()).values()) {
            if (!documents.containsKey(sub.getCommandSpec().userObject().getClass())) {
                collect(sub, documents);
            }
        }
    }

    /**
     * One command's model as JSON: everything {@link CommandModel#build} sets. The fields holding a
     * {@code @Spec} are found by reflection, so a model built by {@link CommandModel} writes the same
     * document as the annotated one (CommandModelTest relies on it).
     */
    public static String document(CommandSpec spec) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(text)) {
            write(json, spec);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text + "\n";
    }

    private static void write(JsonGenerator json, CommandSpec spec) throws IOException {
        Object command = spec.userObject();
        String where = command.getClass().getName();
        refuse(!spec.argGroups().isEmpty(), where, "argument groups");
        refuse(!spec.unmatchedArgsBindings().isEmpty(), where, "@Unmatched");
        refuse(!spec.parentCommandElements().isEmpty(), where, "@ParentCommand");
        refuse(
                spec.preprocessor() != null
                        && !spec.preprocessor().getClass().getName().startsWith("picocli."),
                where,
                "preprocessors");
        json.writeStartObject();
        json.writeStringField("class", where);
        json.writeStringField("name", spec.name());
        strings(json, "aliases", spec.aliases());
        json.writeBooleanField("helpCommand", spec.helpCommand());
        strings(json, "version", spec.version());
        CommandLine.IVersionProvider versionProvider = spec.versionProvider();
        json.writeStringField(
                "versionProvider",
                versionProvider == null ? null : versionProvider.getClass().getName());
        usage(json, spec.usageMessage());
        json.writeArrayFieldStart("subcommands");
        for (Map.Entry<String, CommandLine> sub : spec.subcommands().entrySet()) {
            CommandSpec subSpec = sub.getValue().getCommandSpec();
            if (!sub.getKey().equals(subSpec.name())) {
                continue; // an alias of a subcommand already written
            }
            json.writeStartObject();
            json.writeStringField("name", subSpec.name());
            strings(json, "aliases", subSpec.aliases());
            json.writeStringField("class", subSpec.userObject().getClass().getName());
            json.writeEndObject();
        }
        json.writeEndArray();
        Map<ArgSpec, String> mixinOf = new IdentityHashMap<>();
        for (Map.Entry<String, CommandSpec> mixin : spec.mixins().entrySet()) {
            for (ArgSpec arg : mixin.getValue().args()) {
                mixinOf.put(arg, mixin.getKey());
            }
        }
        json.writeArrayFieldStart("args");
        List<String> mixinsWritten = new ArrayList<>();
        for (ArgSpec arg : spec.args()) {
            if (arg.inherited()) {
                continue; // copied from the parent when the tree is put together
            }
            String mixin = mixinOf.get(arg);
            if (mixin == null) {
                arg(json, arg, where);
            } else if (!mixinsWritten.contains(mixin)) {
                mixinsWritten.add(mixin);
                mixin(json, mixin, spec.mixins().get(mixin), command, where);
            }
        }
        json.writeEndArray();
        specFields(json, "specFields", command.getClass());
        specFields(json, "versionProviderSpecFields", versionProvider == null ? null : versionProvider.getClass());
        json.writeEndObject();
    }

    private static void mixin(JsonGenerator json, String name, CommandSpec mixin, Object command, String where)
            throws IOException {
        Object target = mixin.userObject();
        refuse(!mixin.mixins().isEmpty(), where, "a mixin inside mixin " + name);
        refuse(!mixin.specElements().isEmpty(), where, "@Spec inside mixin " + name);
        json.writeStartObject();
        json.writeObjectFieldStart("mixin");
        json.writeStringField("name", name);
        json.writeStringField("class", target.getClass().getName());
        Field holder = fieldHolding(command, target);
        if (holder == null) {
            json.writeNullField("field");
        } else {
            field(json, "field", holder);
        }
        json.writeArrayFieldStart("args");
        for (ArgSpec arg : mixin.args()) {
            arg(json, arg, where + " (mixin " + name + ")");
        }
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void arg(JsonGenerator json, ArgSpec arg, String where) throws IOException {
        String what = where + " " + arg;
        refuse(!(arg.userObject() instanceof Field), what, "an option or parameter that is not a field");
        refuse(arg.interactive(), what, "interactive options");
        refuse(arg.parameterConsumer() != null, what, "parameter consumers");
        refuse(
                arg.preprocessor() != null
                        && !arg.preprocessor().getClass().getName().startsWith("picocli."),
                what,
                "preprocessors");
        refuse(arg.group() != null, what, "argument groups");
        json.writeStartObject();
        if (arg instanceof OptionSpec option) {
            refuse(option.negatable(), what, "negatable options");
            json.writeStringField("kind", "option");
            strings(json, "names", option.names());
            json.writeNumberField("order", option.order());
            json.writeBooleanField("help", option.help());
            json.writeBooleanField("usageHelp", option.usageHelp());
            json.writeBooleanField("versionHelp", option.versionHelp());
            json.writeStringField("fallbackValue", option.fallbackValue());
        } else {
            json.writeStringField("kind", "positional");
            range(json, "index", ((PositionalParamSpec) arg).index());
        }
        field(json, "field", (Field) arg.userObject());
        json.writeStringField("toString", arg.toString());
        range(json, "arity", arg.arity());
        json.writeBooleanField("required", arg.required());
        json.writeStringField("paramLabel", arg.paramLabel());
        json.writeBooleanField("hideParamSyntax", arg.hideParamSyntax());
        strings(json, "description", arg.description());
        json.writeStringField("descriptionKey", arg.descriptionKey());
        json.writeStringField("type", arg.type().getName());
        json.writeArrayFieldStart("auxiliaryTypes");
        for (Class<?> type : arg.auxiliaryTypes()) {
            json.writeString(type.getName());
        }
        json.writeEndArray();
        json.writeArrayFieldStart("converters");
        for (CommandLine.ITypeConverter<?> converter : arg.converters()) {
            json.writeString(converter.getClass().getName());
        }
        json.writeEndArray();
        json.writeStringField("splitRegex", arg.splitRegex());
        json.writeStringField("splitRegexSynopsisLabel", arg.splitRegexSynopsisLabel());
        json.writeBooleanField("hidden", arg.hidden());
        json.writeStringField("defaultValue", arg.defaultValue());
        json.writeStringField("mapFallbackValue", arg.mapFallbackValue());
        json.writeBooleanField("hasInitialValue", arg.hasInitialValue());
        json.writeStringField("showDefaultValue", arg.showDefaultValue().name());
        json.writeStringField("scopeType", arg.scopeType().name());
        if (arg.completionCandidates() == null) {
            json.writeNullField("completionCandidates");
        } else {
            json.writeArrayFieldStart("completionCandidates");
            for (String candidate : arg.completionCandidates()) {
                json.writeString(candidate);
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    private static void usage(JsonGenerator json, UsageMessageSpec usage) throws IOException {
        json.writeObjectFieldStart("usage");
        json.writeStringField("headerHeading", usage.headerHeading());
        strings(json, "header", usage.header());
        json.writeStringField("synopsisHeading", usage.synopsisHeading());
        json.writeStringField("synopsisSubcommandLabel", usage.synopsisSubcommandLabel());
        json.writeBooleanField("abbreviateSynopsis", usage.abbreviateSynopsis());
        strings(json, "customSynopsis", usage.customSynopsis());
        json.writeStringField("descriptionHeading", usage.descriptionHeading());
        strings(json, "description", usage.description());
        json.writeStringField("parameterListHeading", usage.parameterListHeading());
        json.writeStringField("optionListHeading", usage.optionListHeading());
        json.writeBooleanField("sortOptions", usage.sortOptions());
        json.writeBooleanField("sortSynopsis", usage.sortSynopsis());
        json.writeStringField("requiredOptionMarker", String.valueOf(usage.requiredOptionMarker()));
        json.writeBooleanField("showDefaultValues", usage.showDefaultValues());
        json.writeBooleanField("showAtFileInUsageHelp", usage.showAtFileInUsageHelp());
        json.writeBooleanField("showEndOfOptionsDelimiterInUsageHelp", usage.showEndOfOptionsDelimiterInUsageHelp());
        json.writeBooleanField("hidden", usage.hidden());
        json.writeStringField("commandListHeading", usage.commandListHeading());
        json.writeStringField("exitCodeListHeading", usage.exitCodeListHeading());
        json.writeObjectFieldStart("exitCodeList");
        for (Map.Entry<String, String> code : usage.exitCodeList().entrySet()) {
            json.writeStringField(code.getKey(), code.getValue());
        }
        json.writeEndObject();
        json.writeStringField("footerHeading", usage.footerHeading());
        strings(json, "footer", usage.footer());
        json.writeEndObject();
    }

    /** The fields of {@code type} and its superclasses that hold a {@code @Spec}. */
    private static void specFields(JsonGenerator json, String name, Class<?> type) throws IOException {
        json.writeArrayFieldStart(name);
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (field.isAnnotationPresent(CommandLine.Spec.class)) {
                    refuse(
                            field.getType() != CommandSpec.class,
                            c.getName() + "." + field.getName(),
                            "@Spec on anything but a CommandSpec field");
                    field(json, null, field);
                }
            }
        }
        json.writeEndArray();
    }

    /** The field of {@code command} (or its superclasses) whose value is {@code target}, if any. */
    private static Field fieldHolding(Object command, Object target) {
        for (Class<?> c = command.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
                    continue;
                }
                try {
                    field.setAccessible(true);
                    if (field.get(command) == target) {
                        return field;
                    }
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // not readable: not the mixin's field
                }
            }
        }
        return null;
    }

    private static void range(JsonGenerator json, String name, CommandLine.Range range) throws IOException {
        json.writeObjectFieldStart(name);
        json.writeStringField("value", range.originalValue());
        json.writeBooleanField("unspecified", range.isUnspecified());
        json.writeEndObject();
    }

    private static void field(JsonGenerator json, String name, Field field) throws IOException {
        if (name == null) {
            json.writeStartObject();
        } else {
            json.writeObjectFieldStart(name);
        }
        json.writeStringField("class", field.getDeclaringClass().getName());
        json.writeStringField("name", field.getName());
        json.writeEndObject();
    }

    private static void strings(JsonGenerator json, String name, String[] values) throws IOException {
        json.writeArrayFieldStart(name);
        for (String value : values == null ? new String[0] : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }

    private static void refuse(boolean unsupported, String where, String feature) {
        if (unsupported) {
            throw new IllegalStateException(where + ": the start-up command model does not support " + feature
                    + "; extend dev.cfn.cli.model.CommandModel and CommandModelWriter first");
        }
    }
}
