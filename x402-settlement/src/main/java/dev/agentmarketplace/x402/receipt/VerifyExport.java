package dev.agentmarketplace.x402.receipt;

import dev.agentmarketplace.core.DomainException;
import dev.agentmarketplace.core.registry.WalletAddress;
import dev.agentmarketplace.x402.receipt.VerificationReport.LineProblem;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.ZipException;

/**
 * The command that verifies a receipt export offline:
 *
 * <pre>
 * java -cp &lt;classpath&gt; dev.agentmarketplace.x402.receipt.VerifyExport [--signer 0xADDRESS] &lt;export.zip | directory&gt;
 * </pre>
 *
 * <p>Exit status 0 when the manifest and every line verify, 1 when anything does not (each bad line
 * is printed with its number and reason), 2 for a usage error or input that cannot be read.
 */
public final class VerifyExport {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int UNUSABLE = 2;

    private static final String USAGE = "usage: java -cp <classpath> " + VerifyExport.class.getName()
            + " [--signer 0xADDRESS] <export.zip | directory>";

    private VerifyExport() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Verifies as {@link #main} does, printing the report to {@code out} and warnings and errors to {@code err}. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Optional<WalletAddress> signer = Optional.empty();
        Optional<String> input = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h") || arg.equals("--help")) {
                out.println(USAGE);
                return OK;
            } else if (arg.equals("--signer")) {
                if (signer.isPresent() || i + 1 == args.length) {
                    return usage(err, "--signer takes one address, given once");
                }
                try {
                    signer = Optional.of(WalletAddress.of(args[++i], "--signer"));
                } catch (DomainException e) {
                    return usage(err, e.getMessage());
                }
            } else if (arg.startsWith("-")) {
                return usage(err, "unknown option " + arg);
            } else if (input.isPresent()) {
                return usage(err, "one export at a time");
            } else {
                input = Optional.of(arg);
            }
        }
        if (input.isEmpty()) {
            return usage(err, "no export given");
        }
        VerificationReport report;
        try {
            report = new ExportVerifier().verify(Path.of(input.get()), signer);
        } catch (IOException | InvalidPathException e) {
            err.println("cannot read " + input.get() + ": " + describe(e));
            return UNUSABLE;
        }
        print(report, input.get(), out, err);
        return report.ok() ? OK : FAILED;
    }

    private static void print(VerificationReport report, String input, PrintStream out, PrintStream err) {
        switch (report.signerSource()) {
            case GIVEN -> {}
            case MANIFEST ->
                err.println("warning: no --signer given, so the signatures were checked against the signer the"
                        + " manifest names itself (" + report.signer().orElseThrow() + "). That proves only that"
                        + " the export is consistent with itself; pass the platform's published address with"
                        + " --signer to prove who signed it.");
            case NONE ->
                err.println("warning: no --signer given and no readable manifest: each line was checked only"
                        + " against the signer it names itself.");
        }
        report.exportProblems().forEach(out::println);
        for (LineProblem problem : report.lineProblems()) {
            out.println("line " + problem.line() + ": " + problem.reason());
        }
        String signer = switch (report.signerSource()) {
            case GIVEN -> report.signer().orElseThrow() + " (--signer)";
            case MANIFEST -> report.signer().orElseThrow() + " (the manifest's own)";
            case NONE -> "none";
        };
        if (report.ok()) {
            out.println("OK: " + input + ": " + report.lines() + " receipts, all signed by " + signer
                    + "; the manifest's signature, count and SHA-256 match");
        } else {
            out.println("FAILED: " + input + ": " + report.lines() + " lines, "
                    + report.lineProblems().size()
                    + " bad; " + report.exportProblems().size() + " problem(s) with the export as a whole;"
                    + " expected signer " + signer);
        }
    }

    private static String describe(Exception e) {
        return switch (e) {
            case NoSuchFileException missing -> "no such file or directory";
            case AccessDeniedException denied -> "permission denied";
            case ZipException zip -> "not a ZIP archive, or a truncated or corrupt one (" + zip.getMessage() + ")";
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
    }

    private static int usage(PrintStream err, String problem) {
        err.println(problem);
        err.println(USAGE);
        return UNUSABLE;
    }
}
