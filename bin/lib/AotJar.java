import java.io.IOException;
import java.io.InputStream;
import java.io.ByteArrayInputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.lang.constant.ClassDesc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Copies a jar for the JDK's AOT cache: every class file older than Java 6 (major version < 50) is
 * re-emitted as Java 8 bytecode with stack maps, its code otherwise unchanged; everything else is
 * copied as is. The AOT cache skips such old classes ("Old class has been linked"), and picocli
 * ships Java 5 bytecode, so without this its ~230 classes are read from the jar, verified by the
 * old type-inferring verifier and linked again on every start of cfn.
 *
 * <p>The copy is split in three, chained by the first one's manifest ({@code Class-Path: CORE.jar
 * REST.jar}): OUT.jar holds the manifest and the resources one-shot commands read (logging and
 * driver properties, migrations: a few dozen entries), CORE.jar the classes and other files they
 * use (cfn itself, picocli, sqlite-jdbc, Jackson, Caffeine, SnakeYAML, SLF4J: ~3,900 entries) and
 * REST.jar everything else (the HTTP server, Redis, metrics, the Anthropic SDK and their
 * dependencies: ~34,600). The JVM opens a jar of the class path only when a lookup reaches it, and
 * reading a central directory costs a start ~5 ms of CPU per 1,000 entries while the code doing it
 * is still interpreted; classes in the AOT cache need no jar at all, so a one-shot start opens only
 * OUT.jar. Which jar holds an entry changes only the cost of finding it, never whether it is found.
 *
 * <p>Run by bin/lib/aot.sh once per build, as a source-file program (JDK 24+: java.lang.classfile):
 * {@code java AotJar.java IN.jar OUT.jar CORE.jar REST.jar}. Prints how many classes it re-emitted.
 */
public final class AotJar {
    private static final int JAVA_6 = 50;
    private static final int JAVA_8 = 52;
    /** Entry name prefixes of OUT.jar; an entry without a '/' (a top-level resource) goes there too. */
    private static final List<String> CORE = List.of(
            "META-INF/",
            "dev/",
            "db/",
            "picocli/",
            "org/sqlite/",
            "org/slf4j/",
            "org/yaml/snakeyaml/",
            "com/fasterxml/jackson/core/",
            "com/fasterxml/jackson/databind/",
            "com/fasterxml/jackson/annotation/",
            "com/github/benmanes/caffeine/");

    public static void main(String[] args) throws IOException {
        Map<String, byte[]> entries = read(Path.of(args[0]));
        ClassFile classFile = ClassFile.of(
                ClassFile.StackMapsOption.GENERATE_STACK_MAPS,
                ClassFile.ClassHierarchyResolverOption.of(ClassHierarchyResolver.ofResourceParsing(
                                (ClassDesc type) -> classBytes(entries, type))
                        .orElse(ClassHierarchyResolver.defaultResolver())));
        int upgraded = 0;
        Path first = Path.of(args[1]);
        Path core = Path.of(args[2]);
        Path rest = Path.of(args[3]);
        try (ZipOutputStream firstOut = open(first);
                ZipOutputStream coreOut = open(core);
                ZipOutputStream restOut = open(rest)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                String name = entry.getKey();
                byte[] bytes = entry.getValue();
                if (name.endsWith(".class") && majorVersion(bytes) < JAVA_6) {
                    bytes = upgrade(classFile, bytes);
                    upgraded++;
                }
                if (name.equals(JarFile.MANIFEST_NAME)) {
                    write(coreOut, name, bytes); // each jar's packages get its Implementation-Version
                    write(restOut, name, bytes);
                    bytes = withClassPath(bytes, core.getFileName() + " " + rest.getFileName());
                }
                write(isFirst(name) ? firstOut : isCore(name) ? coreOut : restOut, name, bytes);
            }
        }
        System.out.println("AotJar: re-emitted " + upgraded + " pre-Java-6 classes as Java 8 bytecode");
    }

    /** The manifest and the small resources of the core set; not classes, native libraries or poms. */
    private static boolean isFirst(String name) {
        return isCore(name)
                && !name.endsWith(".class")
                && !name.endsWith("/")
                && !name.startsWith("org/sqlite/native/")
                && (!name.startsWith("META-INF/maven/") || name.startsWith("META-INF/maven/org.xerial/"))
                && !name.startsWith("META-INF/versions/");
    }

    private static boolean isCore(String name) {
        return name.indexOf('/') < 0 || CORE.stream().anyMatch(name::startsWith);
    }

    private static ZipOutputStream open(Path jar) throws IOException {
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar));
        out.setLevel(Deflater.BEST_SPEED); // made once per build, read every start: speed over size
        return out;
    }

    /** The manifest with {@code Class-Path} naming the other jars (paths relative to the first). */
    private static byte[] withClassPath(byte[] manifest, String restJar) throws IOException {
        Manifest parsed = new Manifest(new ByteArrayInputStream(manifest));
        parsed.getMainAttributes().put(Attributes.Name.CLASS_PATH, restJar);
        var bytes = new java.io.ByteArrayOutputStream();
        parsed.write(bytes);
        return bytes.toByteArray();
    }

    private static byte[] upgrade(ClassFile classFile, byte[] bytes) {
        ClassModel model = classFile.parse(bytes);
        // Rebuilding every method body makes the library generate the stack maps Java 8 requires.
        ClassTransform transform = ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL)
                .andThen(ClassTransform.endHandler(builder -> builder.withVersion(JAVA_8, 0)));
        return classFile.transformClass(model, transform);
    }

    private static int majorVersion(byte[] bytes) {
        boolean isClassFile = bytes.length > 8
                && (bytes[0] & 0xff) == 0xca && (bytes[1] & 0xff) == 0xfe
                && (bytes[2] & 0xff) == 0xba && (bytes[3] & 0xff) == 0xbe;
        return isClassFile ? ((bytes[6] & 0xff) << 8) | (bytes[7] & 0xff) : Integer.MAX_VALUE;
    }

    private static InputStream classBytes(Map<String, byte[]> entries, ClassDesc type) {
        String descriptor = type.descriptorString();
        byte[] bytes = entries.get(descriptor.substring(1, descriptor.length() - 1) + ".class");
        return bytes == null ? null : new ByteArrayInputStream(bytes);
    }

    private static Map<String, byte[]> read(Path jar) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    private static void write(ZipOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(bytes);
        out.closeEntry();
    }
}
