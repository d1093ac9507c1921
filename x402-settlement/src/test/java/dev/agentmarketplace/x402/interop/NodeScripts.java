package dev.agentmarketplace.x402.interop;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.agentmarketplace.x402.json.JsonObject;
import dev.agentmarketplace.x402.json.JsonParseException;
import dev.agentmarketplace.x402.json.JsonReader;
import dev.agentmarketplace.x402.json.JsonValue;
import dev.agentmarketplace.x402.json.JsonWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the Node scripts of {@code src/test/node} (x402-settlement README, "Interoperability tests"):
 * each reads one JSON object on stdin and prints one on stdout, or exits non-zero with its reason on
 * stderr. The build's {@code npm ci} installs the packages they import.
 */
public final class NodeScripts {
    static final Path DIRECTORY = Path.of(System.getProperty("x402.interop.nodeDir", "src/test/node"))
            .toAbsolutePath()
            .normalize();
    static final String NODE = System.getenv().getOrDefault("MARKETPLACE_TEST_NODE", "node");
    static final int MINIMUM_NODE_MAJOR = 20;

    // A script takes a second or two; only a hung one (a server that never answers) gets near this.
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final JsonReader READER = new JsonReader(4 * 1024 * 1024, 64);
    private static final Pattern NODE_VERSION = Pattern.compile("v(\\d+)\\.\\d+\\.\\d+");

    private static String unavailable;
    private static boolean checked;

    private NodeScripts() {}

    /** What a script left behind: its exit code and both streams. */
    record Run(String script, int exitCode, String stdout, String stderr) {}

    /** Runs {@code script} on {@code input}; its JSON output, or an AssertionError carrying its stderr. */
    public static JsonObject run(String script, JsonValue input) {
        Run run = execute(script, input);
        if (run.exitCode() != 0) {
            throw new AssertionError(script + " exited with " + run.exitCode() + ":\n" + run.stderr());
        }
        try {
            if (READER.read(run.stdout()) instanceof JsonObject output) {
                return output;
            }
        } catch (JsonParseException e) {
            // reported below, with what it printed
        }
        throw new AssertionError(script + " printed no JSON object:\n" + run.stdout() + "\nstderr:\n" + run.stderr());
    }

    /** Runs a script that must fail; its exit code and stderr, or an AssertionError if it succeeded. */
    static Run runFailing(String script, JsonValue input) {
        Run run = execute(script, input);
        if (run.exitCode() == 0) {
            throw new AssertionError(script + " succeeded where it must fail, printing:\n" + run.stdout());
        }
        return run;
    }

    private static Run execute(String script, JsonValue input) {
        String reason = unavailableBecause();
        if (reason != null) {
            throw new AssertionError("the x402 interop scripts cannot run: " + reason);
        }
        return execute(List.of(NODE, script), JsonWriter.write(input), TIMEOUT);
    }

    /**
     * Why the scripts cannot run here, or null: Node.js missing or older than 20, or a package of
     * package.json not installed at its pinned version (the build's npm ci skipped or failed).
     */
    static synchronized String unavailableBecause() {
        if (!checked) {
            unavailable = findUnavailability();
            checked = true;
        }
        return unavailable;
    }

    private static String findUnavailability() {
        Run version;
        try {
            version = execute(List.of(NODE, "--version"), "", Duration.ofSeconds(20));
        } catch (UncheckedIOException e) {
            return "no Node.js: '" + NODE + "' cannot be started ("
                    + e.getCause().getMessage() + "); Node.js " + MINIMUM_NODE_MAJOR + " or newer is needed";
        }
        Matcher matcher = NODE_VERSION.matcher(version.stdout().trim());
        if (version.exitCode() != 0 || !matcher.matches()) {
            return "'" + NODE + " --version' answered '" + version.stdout().trim() + "'";
        }
        if (Integer.parseInt(matcher.group(1)) < MINIMUM_NODE_MAJOR) {
            return "Node.js " + version.stdout().trim() + " is older than " + MINIMUM_NODE_MAJOR;
        }
        Map<String, JsonValue> pins =
                dependencies(readJson(DIRECTORY.resolve("package.json"))).members();
        for (var pin : pins.entrySet()) {
            Path installed =
                    DIRECTORY.resolve("node_modules").resolve(pin.getKey()).resolve("package.json");
            if (!Files.isRegularFile(installed)) {
                return pin.getKey() + " is not installed in " + DIRECTORY.resolve("node_modules")
                        + " (the build's npm ci was skipped or failed: see the build log)";
            }
            JsonValue installedVersion = readJson(installed).get("version").orElseThrow();
            if (!installedVersion.equals(pin.getValue())) {
                return pin.getKey() + " " + JsonWriter.write(installedVersion)
                        + " is installed where package.json pins " + JsonWriter.write(pin.getValue())
                        + " (run npm ci in " + DIRECTORY + ")";
            }
        }
        return null;
    }

    private static JsonObject dependencies(JsonObject packageJson) {
        return packageJson
                .get("dependencies")
                .filter(JsonObject.class::isInstance)
                .map(JsonObject.class::cast)
                .orElseThrow(() -> new AssertionError("package.json in " + DIRECTORY + " has no dependencies"));
    }

    private static JsonObject readJson(Path file) {
        try {
            if (READER.read(Files.readAllBytes(file)) instanceof JsonObject object) {
                return object;
            }
            throw new AssertionError(file + " holds no JSON object");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Run execute(List<String> command, String stdin, Duration timeout) {
        Path stdout = null;
        Path stderr = null;
        try {
            // Files, not pipes: a script printing more than a pipe holds cannot block on a full buffer.
            stdout = Files.createTempFile("x402-interop-", ".out");
            stderr = Files.createTempFile("x402-interop-", ".err");
            Process process = new ProcessBuilder(command)
                    .directory(DIRECTORY.toFile())
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin.getBytes(UTF_8));
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout
                        + "; stderr so far:\n" + Files.readString(stderr));
            }
            return new Run(
                    String.join(" ", command.subList(1, command.size())),
                    process.exitValue(),
                    Files.readString(stdout),
                    Files.readString(stderr));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        } finally {
            deleteQuietly(stdout);
            deleteQuietly(stderr);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a leftover temporary file is no test failure
            }
        }
    }
}
