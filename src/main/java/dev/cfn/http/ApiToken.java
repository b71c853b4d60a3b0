package dev.cfn.http;

import dev.cfn.CfnException;
import dev.cfn.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

/**
 * The API token of a home, {@code <home>/api-token}: made by {@code cfn serve} when missing (256
 * random bits, base64url, mode 0600), read by whatever calls the API from this machine (curl in the
 * README, {@code cfn serve bench}). Stateless; safe against another {@code cfn serve} making it at
 * the same moment (the first file written wins, the other process reads it).
 */
public final class ApiToken {
    public static final String FILE = "api-token";

    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiToken() {}

    public static Path file(Path home) {
        return home.resolve(FILE);
    }

    /**
     * The home's token, made first if there is none.
     *
     * @throws InvalidInputException when the file is empty or other users may read it
     * @throws CfnException when it cannot be read or written
     */
    public static String readOrCreate(Path home) {
        Path file = file(home);
        if (!Files.exists(file)) {
            try {
                create(home, file);
            } catch (IOException e) {
                throw new CfnException("cannot write " + file + ": " + e.getMessage(), e);
            }
        }
        return read(home);
    }

    /**
     * The home's token.
     *
     * @throws InvalidInputException when the file is missing, empty, or other users may read it
     */
    public static String read(Path home) {
        Path file = file(home);
        try {
            if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
                if (!OWNER_ONLY.containsAll(mode)) {
                    throw new InvalidInputException(file + " must be readable by its owner only (mode 600), but was "
                            + PosixFilePermissions.toString(mode) + ": run chmod 600 " + file);
                }
            }
            String token = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (token.isEmpty()) {
                throw new InvalidInputException(file + " is empty: delete it and cfn serve makes a new token");
            }
            return token;
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InvalidInputException(file + " does not exist: cfn serve makes it on its first start");
        } catch (IOException e) {
            throw new CfnException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void create(Path home, Path file) throws IOException {
        Files.createDirectories(home);
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        boolean posix = Files.getFileStore(home).supportsFileAttributeView("posix");
        // Written under another name with its final mode from the start, then renamed: no moment
        // where the file exists with a wider mode or half written.
        Path temp = posix
                ? Files.createTempFile(home, ".api-token", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(home, ".api-token", ".tmp");
        try {
            Files.writeString(temp, token + "\n", StandardCharsets.UTF_8);
            Files.move(temp, file);
        } catch (FileAlreadyExistsException e) {
            // another cfn serve made it first: use that one
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
