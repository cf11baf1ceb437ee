package dev.defactify.function.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * How Lambda's managed java21 runtime starts a function, reproduced on this machine:
 * <ul>
 *   <li>the deployment package (our shaded jar: a jar is a zip) is unzipped into the task root, /var/task on
 *   Lambda, which is also the working directory;</li>
 *   <li>the JVM runs the runtime interface client's {@link #MAIN_CLASS} with only the runtime's own jars on the
 *   classpath (the RIC, aws-lambda-java-core, aws-lambda-java-serialization and the SDK's utils-lite it needs) and
 *   the handler string as its one argument;</li>
 *   <li>the RIC loads the handler through its CustomerClassLoader over {@code user.dir} and {@code user.dir/lib/*.jar},
 *   whose parent is the system class loader: the runtime's copy of aws-lambda-java-core wins over the jar's, and
 *   the jar is read as a directory, so its Multi-Release entries (META-INF/versions) are not used.</li>
 * </ul>
 * That is why the jar is unzipped rather than put on the classpath: a jar that only works from the classpath
 * would pass a {@code java -cp} test and fail on Lambda.
 */
final class ManagedJavaRuntime {
    static final String MAIN_CLASS = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    /** The RIC copies its JNI library to one fixed file, /tmp/.libaws-lambda-jni.so, unless told where it is. */
    static final String JAVA_HOME_PROPERTY = "lambda.java.home";
    static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

    /** The runtime's jars: a class or resource only each of them has, and the artifact it must come from. */
    private static final Map<String, String> RUNTIME_JARS = Map.of(
            "com/amazonaws/services/lambda/runtime/api/client/AWSLambda.class",
            "aws-lambda-java-runtime-interface-client",
            "com/amazonaws/services/lambda/runtime/Context.class", "aws-lambda-java-core",
            "com/amazonaws/services/lambda/runtime/serialization/PojoSerializer.class",
            "aws-lambda-java-serialization",
            "software/amazon/awssdk/utilslite/SdkInternalThreadLocal.class", "utils-lite");

    private final Path java;
    private final List<Path> runtimeClasspath;
    private final Path taskRoot;
    private final Path jniLibrary;
    private final Path workDir;

    private ManagedJavaRuntime(Path java, List<Path> runtimeClasspath, Path taskRoot, Path jniLibrary, Path workDir) {
        this.java = java;
        this.runtimeClasspath = runtimeClasspath;
        this.taskRoot = taskRoot;
        this.jniLibrary = jniLibrary;
        this.workDir = workDir;
    }

    /** Unzips the function jar (again only when it changed) and finds the runtime's jars on the test classpath. */
    static ManagedJavaRuntime prepare(Path functionJar, Path workDirectory) throws IOException {
        // Absolute: the runtime's working directory is the task root, and System.load wants absolute paths anyway.
        Path workDir = Files.createDirectories(workDirectory.toAbsolutePath().normalize());
        List<Path> classpath = new ArrayList<>();
        for (Map.Entry<String, String> jar : RUNTIME_JARS.entrySet()) {
            classpath.add(jarOf(jar.getKey(), jar.getValue()));
        }
        classpath.sort(Comparator.comparing(Path::toString));
        Path taskRoot = unzipOnce(functionJar, workDir.resolve("task"));
        Path jni = extractJni(classpath.stream().filter(p -> p.getFileName().toString()
                .startsWith("aws-lambda-java-runtime-interface-client")).findFirst().orElseThrow(), workDir);
        // Lambda runs Corretto 21; by default this is the JDK running the tests, which -Dlambda.java.home can change.
        Path javaHome = Path.of(System.getProperty(JAVA_HOME_PROPERTY, System.getProperty("java.home")));
        return new ManagedJavaRuntime(javaHome.resolve("bin").resolve("java"),
                List.copyOf(classpath), taskRoot, jni, workDir);
    }

    Path taskRoot() {
        return taskRoot;
    }

    List<Path> runtimeClasspath() {
        return runtimeClasspath;
    }

    /**
     * The runtime process for one execution environment of the function. Its environment is built from
     * nothing, like Lambda's: the reserved variables, then the function's own ({@code functionEnvironment}).
     */
    ProcessBuilder process(SamFunction function, String runtimeApi, Map<String, String> credentials,
                           Map<String, String> functionEnvironment) throws IOException {
        Path tmp = Files.createDirectories(workDir.resolve("tmp-" + function.name()));
        List<String> command = new ArrayList<>(List.of(java.toString(),
                // The managed runtime's own command line: C1 only, serial GC, heap from the memory setting, and the
                // CRaC API (org.crac, which Micronaut registers its resources with) bound to the runtime client's
                // implementation, which runs the hooks around a SnapStart snapshot.
                "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-XX:MaxHeapSize=" + function.memoryMb() * 85 / 100 + "m",
                "--add-opens=java.base/java.io=ALL-UNNAMED",
                "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac",
                "-Djava.net.preferIPv4Stack=true", "-XX:+ErrorFileToStderr",
                // Each execution environment has a /tmp of its own; here it is a folder under target/.
                "-Djava.io.tmpdir=" + tmp,
                "-D" + JNI_PROPERTY + "=" + jniLibrary,
                "-classpath", runtimeClasspath.stream().map(Path::toString).collect(Collectors.joining(":")),
                MAIN_CLASS, function.handler()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile());
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.putAll(reservedVariables(function, runtimeApi, credentials));
        environment.putAll(functionEnvironment);
        return builder;
    }

    /** The variables Lambda sets for every java21 function (see "Defined runtime environment variables"). */
    Map<String, String> reservedVariables(SamFunction function, String runtimeApi, Map<String, String> credentials) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("_HANDLER", function.handler());
        variables.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        variables.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        variables.put("LAMBDA_RUNTIME_DIR", workDir.toString());
        variables.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + function.runtime());
        variables.put("AWS_LAMBDA_FUNCTION_NAME", function.name());
        variables.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
        variables.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        // A SnapStart version is initialised once, with "snap-start": the runtime then runs the beforeCheckpoint hooks,
        // asks restore/next, and runs the afterRestore hooks before its first invocation.
        variables.put("AWS_LAMBDA_INITIALIZATION_TYPE", function.snapStart() ? "snap-start" : "on-demand");
        // LoggingConfig.LogFormat: with JSON the runtime writes its own lines (e.g. an error's stack trace) as JSON
        variables.put("AWS_LAMBDA_LOG_FORMAT", function.logFormat().toUpperCase(Locale.ROOT));
        variables.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.name());
        variables.put("AWS_LAMBDA_LOG_STREAM_NAME", LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter
                .ofPattern("yyyy/MM/dd")) + "/[$LATEST]" + UUID.randomUUID().toString().replace("-", ""));
        variables.put("TZ", ":UTC");
        variables.put("LANG", "en_US.UTF-8");
        variables.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        // AWS_REGION, AWS_DEFAULT_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN
        variables.putAll(credentials);
        return variables;
    }

    /** The jar on the test classpath that holds {@code resource} and is named after {@code artifactId}. */
    static Path jarOf(String resource, String artifactId) throws IOException {
        Enumeration<URL> urls = ManagedJavaRuntime.class.getClassLoader().getResources(resource);
        List<Path> seen = new ArrayList<>();
        while (urls.hasMoreElements()) {
            URL url = urls.nextElement();
            if (url.openConnection() instanceof JarURLConnection connection) {
                try {
                    Path jar = Path.of(connection.getJarFileURL().toURI());
                    seen.add(jar);
                    if (jar.getFileName().toString().matches(Pattern.quote(artifactId) + "-\\d.*\\.jar")) {
                        return jar;
                    }
                } catch (URISyntaxException e) {
                    throw new IOException(e);
                }
            }
        }
        throw new IllegalStateException("no " + artifactId + " jar holding " + resource + " on the test classpath"
                + " (it is a test dependency of the function module); found it in " + seen);
    }

    private static Path unzipOnce(Path jar, Path target) throws IOException {
        Path stamp = target.resolveSibling(target.getFileName() + ".stamp");
        String key = jar.toAbsolutePath() + " " + Files.getLastModifiedTime(jar).toMillis() + " " + Files.size(jar);
        if (Files.isDirectory(target) && Files.isRegularFile(stamp) && Files.readString(stamp).equals(key)) {
            return target;
        }
        deleteTree(target);
        Files.createDirectories(target);
        Path root = target.toAbsolutePath().normalize();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path out = root.resolve(entry.getName()).normalize();
                if (!out.startsWith(root)) {
                    throw new IOException("entry outside the task root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        Files.writeString(stamp, key);
        return root;
    }

    /**
     * A private copy of the RIC's JNI library: left to itself, every RIC process on the machine rewrites the
     * same /tmp file while others may be loading it (harmless on Lambda, where /tmp is per environment).
     */
    private static Path extractJni(Path ricJar, Path workDir) throws IOException {
        String arch = System.getProperty("os.arch").matches("aarch64|arm64") ? "aarch_64" : "x86_64";
        String name = "jni/libaws-lambda-jni.linux-" + arch + ".so";
        Path out = workDir.resolve("libaws-lambda-jni.so");
        try (ZipFile zip = new ZipFile(ricJar.toFile())) {
            ZipEntry entry = zip.getEntry(name);
            if (entry == null) {
                throw new IllegalStateException(ricJar + " has no " + name);
            }
            if (Files.isRegularFile(out) && Files.size(out) == entry.getSize()) {
                return out;
            }
            Path partial = workDir.resolve("libaws-lambda-jni.so.part");
            try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            }
            return Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
