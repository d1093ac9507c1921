package dev.agentmarketplace.app.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Renders a kustomization with the kubectl this machine has (MARKETPLACE_TEST_KUBECTL, or kubectl on PATH). */
final class Kubectl {
    static final String COMMAND = System.getenv().getOrDefault("MARKETPLACE_TEST_KUBECTL", "kubectl");

    private Kubectl() {}

    static boolean available() {
        try {
            return run(List.of(COMMAND, "version", "--client")).exitCode() == 0;
        } catch (UncheckedIOException absent) {
            return false;
        }
    }

    /** The YAML stream {@code kubectl kustomize dir} prints; fails with kubectl's own message otherwise. */
    static String kustomize(Path directory) {
        Result result = run(List.of(COMMAND, "kustomize", directory.toString()));
        if (result.exitCode() != 0) {
            throw new AssertionError(
                    "kubectl kustomize " + directory + " exited with " + result.exitCode() + ": " + result.stderr());
        }
        return result.stdout();
    }

    private record Result(int exitCode, String stdout, String stderr) {}

    private static Result run(List<String> command) {
        try {
            Path stdout = Files.createTempFile("kubectl", ".out");
            Path stderr = Files.createTempFile("kubectl", ".err");
            try {
                Process process = new ProcessBuilder(command)
                        .redirectOutput(stdout.toFile())
                        .redirectError(stderr.toFile())
                        .start();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(String.join(" ", command) + " did not finish within 60 s");
                }
                return new Result(
                        process.exitValue(),
                        Files.readString(stdout, StandardCharsets.UTF_8),
                        Files.readString(stderr, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(stdout);
                Files.deleteIfExists(stderr);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        }
    }
}
