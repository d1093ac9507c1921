import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The training run of the local build's AOT cache (JEP 483, 514 and 515), run by the JDK's source
 * launcher in the package phase of a {@code -Dquarkus.profile=local} build (deploy/pom.xml):
 *
 * <pre>java TrainingRun.java &lt;quarkus-app directory&gt; &lt;cache&gt; &lt;work directory&gt; [JVM flags...]</pre>
 *
 * <p>It starts the packaged application with the run command's JVM flags (README.md) plus {@code
 * -XX:AOTCacheOutput}, on a free port and with a data directory of its own under the work directory,
 * waits until it is ready, asks a few pages that need no token, and stops it. As the JVM exits it
 * writes the classes it loaded and linked and the profiles of the methods it ran to the cache, which
 * the run command maps with {@code -XX:AOTCache}. The application is named by its absolute path,
 * which the JVM checks against the class path of every later start: a cache works wherever the
 * application is started from, as long as the application stays where it was built.
 *
 * <p>The start is a first start (empty database, new keys), so the cache holds what Flyway and the
 * key generation load as well as what every start loads. On a JDK older than 25, which has no
 * {@code -XX:AOTCacheOutput}, it writes no cache and says so; the run command's {@code -XX:AOTCache}
 * then only prints an error line, and the application starts without it.
 */
public class TrainingRun {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration EXIT_TIMEOUT = Duration.ofMinutes(10);
    private static final Pattern LISTENING = Pattern.compile("Listening on: (http://[^\\s]+)");
    /** Pages that need no token: health, metrics, the API description, the dashboard's sign-in and 401 pages. */
    private static final List<String> PAGES = List.of(
            "/q/health/ready",
            "/q/health/live",
            "/q/metrics",
            "/q/openapi",
            "/dashboard/sign-in",
            "/dashboard",
            "/api/v1/agents",
            "/.well-known/settlement-receipts");

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: java TrainingRun.java <quarkus-app directory> <cache> <work directory> [JVM flags...]");
            System.exit(2);
        }
        Path app = Path.of(args[0]).toAbsolutePath().normalize();
        Path cache = Path.of(args[1]).toAbsolutePath().normalize();
        Path work = Path.of(args[2]).toAbsolutePath().normalize();
        List<String> flags = Arrays.asList(args).subList(3, args.length);

        Files.deleteIfExists(cache);
        if (Runtime.version().feature() < 25) {
            System.out.println("AOT cache: none, as this JDK (" + Runtime.version()
                    + ") has no -XX:AOTCacheOutput; JDK 25 or newer writes one");
            return;
        }
        deleteRecursively(work);
        Files.createDirectories(work);
        Path log = work.resolve("training.log");

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(flags);
        command.add("-XX:AOTCacheOutput=" + cache);
        command.add("-Dquarkus.http.port=0");
        command.add("-Dmarketplace.data-dir=" + work.resolve("data"));
        command.add("-jar");
        command.add(app.resolve("quarkus-run.jar").toString());
        System.out.println("AOT cache training run: " + String.join(" ", command));

        long started = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            URI base = awaitListening(process, log, deadline);
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            awaitReady(http, base, process, log, deadline);
            for (int round = 0; round < 3; round++) {
                for (String page : PAGES) {
                    http.send(
                            HttpRequest.newBuilder(base.resolve(page))
                                    .timeout(Duration.ofSeconds(30))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
                }
            }
        } catch (Exception | Error e) {
            process.destroyForcibly();
            throw e;
        }
        // SIGTERM: Quarkus stops, and the JVM writes the cache (in a child JVM it waits for) as it exits.
        process.destroy();
        if (!process.waitFor(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("the training run did not exit within " + EXIT_TIMEOUT, log);
        }
        if (!Files.isRegularFile(cache)) {
            fail("the training run wrote no AOT cache", log);
        }
        System.out.printf(
                "AOT cache: %s, %d MB, written in %d s%n",
                cache, Files.size(cache) >> 20, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
        deleteRecursively(work.resolve("data"));
    }

    /** The address Quarkus logs once it listens (the port is a free one it chose). */
    private static URI awaitListening(Process process, Path log, long deadline) throws Exception {
        while (System.nanoTime() < deadline) {
            Matcher listening = LISTENING.matcher(Files.readString(log, StandardCharsets.UTF_8));
            if (listening.find()) {
                return URI.create(listening.group(1));
            }
            if (!process.isAlive()) {
                fail("the application stopped at start", log);
            }
            Thread.sleep(100);
        }
        fail("the application did not listen within " + START_TIMEOUT, log);
        throw new AssertionError();
    }

    private static void awaitReady(HttpClient http, URI base, Process process, Path log, long deadline)
            throws Exception {
        HttpRequest ready = HttpRequest.newBuilder(base.resolve("/q/health/ready"))
                .timeout(Duration.ofSeconds(10))
                .build();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not answering yet
            }
            if (!process.isAlive()) {
                fail("the application stopped at start", log);
            }
            Thread.sleep(100);
        }
        fail("the application was not ready within " + START_TIMEOUT, log);
    }

    private static void fail(String message, Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(System.err::println);
        throw new IllegalStateException(message + " (log: " + log + ")");
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
