package io.orogen.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where local servers keep their data and logs. Tests set {@code orogen.work.dir} to a folder under
 * {@code target/}, so nothing lands in {@code /tmp}; {@code ./orogen up} uses {@code .orogen/} in
 * the checkout.
 */
public final class WorkDirectory {

  public static final String PROPERTY = "orogen.work.dir";
  public static final String ENV = "OROGEN_WORK_DIR";

  private WorkDirectory() {}

  /** The root work directory, created if missing. */
  public static Path root() {
    String configured = System.getProperty(PROPERTY, System.getenv(ENV));
    Path root = configured != null ? Path.of(configured) : Path.of("target", "orogen-work");
    return create(root.toAbsolutePath());
  }

  /**
   * A fresh directory under the root for one server instance, named {@code prefix-N}, so that
   * several instances in one test run never share data.
   */
  public static Path newInstance(String prefix) {
    Path root = root();
    for (int n = 1; ; n++) {
      Path candidate = root.resolve(prefix + "-" + n);
      try {
        return Files.createDirectory(candidate);
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // taken by an earlier instance; try the next number
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  static Path create(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }
}
