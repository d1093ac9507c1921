package dev.agentmarketplace.x402.receipt;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Creates a secret key file once, whoever else tries at the same time: the platform's receipt key
 * and the embedded issuer's token key both come from here.
 *
 * <p>The content is written to a private temporary file beside {@code file} and hard-linked to it.
 * A hard link is created atomically and only if the name is free, so of several processes starting
 * at once on one data directory exactly one wins and the others read its complete file; a rename
 * would not do, since on Linux it silently replaces a file another process has already read.
 */
public final class KeyFiles {
    private KeyFiles() {}

    /**
     * Writes {@code content} to {@code file}, readable by its owner only where the file system has
     * POSIX permissions, unless {@code file} exists already; an existing file is never replaced.
     *
     * @return whether this call created the file ({@code false}: another process's file is there)
     * @throws IOException if the file cannot be created, or the file system has no hard links
     */
    public static boolean createOnce(Path file, byte[] content) throws IOException {
        if (Files.exists(file)) {
            return false;
        }
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, "." + file.getFileName() + "-", ".tmp", ownerOnly(directory));
        try {
            try (OutputStream out =
                    Files.newOutputStream(temporary, StandardOpenOption.WRITE, StandardOpenOption.SYNC)) {
                out.write(content);
            }
            Files.createLink(file, temporary);
            return true;
        } catch (FileAlreadyExistsException raceLost) {
            return false;
        } catch (UnsupportedOperationException noHardLinks) {
            throw new IOException("the file system of " + directory + " cannot hard-link", noHardLinks);
        } finally {
            deleteQuietly(temporary);
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path directory) throws IOException {
        if (Files.getFileStore(directory).supportsFileAttributeView("posix")) {
            return new FileAttribute<?>[] {
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
            };
        }
        return new FileAttribute<?>[0];
    }

    private static void deleteQuietly(Path temporary) {
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            // What is left is owner-only: a second name of the key file, or a key that lost the race.
        }
    }
}
