package dev.gatehouse.audit.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link FileOpener} whose files behave like a full disk while {@link #full} is set: writes may
 * land partly (as a real ENOSPC can leave them), then fail; fsync and creating files fail.
 */
public final class FailingOpener implements FileOpener {
  public final AtomicBoolean full = new AtomicBoolean();

  private IOException noSpace() {
    return new IOException("No space left on device");
  }

  @Override
  public AppendFile openAppend(Path path, boolean createNew) throws IOException {
    if (full.get() && createNew) {
      throw noSpace();
    }
    AppendFile real = FileOpener.DEFAULT.openAppend(path, createNew);
    return new ForwardingAppendFile(real) {
      @Override
      public void write(ByteBuffer data) throws IOException {
        if (full.get()) {
          ByteBuffer half = data.duplicate();
          half.limit(half.position() + half.remaining() / 2);
          real.write(half); // a torn write: half the batch reaches the file
          throw noSpace();
        }
        real.write(data);
      }

      @Override
      public void force() throws IOException {
        if (full.get()) {
          throw noSpace();
        }
        real.force();
      }
    };
  }

  @Override
  public void syncDirectory(Path dir) throws IOException {
    if (full.get()) {
      throw noSpace();
    }
    FileOpener.DEFAULT.syncDirectory(dir);
  }
}
