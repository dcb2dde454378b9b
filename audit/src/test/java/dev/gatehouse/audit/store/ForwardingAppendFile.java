package dev.gatehouse.audit.store;

import java.io.IOException;
import java.nio.ByteBuffer;

/** An {@link AppendFile} that passes every call to a real one; tests override what they fault. */
class ForwardingAppendFile implements AppendFile {
  final AppendFile real;

  ForwardingAppendFile(AppendFile real) {
    this.real = real;
  }

  @Override
  public void write(ByteBuffer data) throws IOException {
    real.write(data);
  }

  @Override
  public void seek(long position) throws IOException {
    real.seek(position);
  }

  @Override
  public void force() throws IOException {
    real.force();
  }

  @Override
  public void truncate(long size) throws IOException {
    real.truncate(size);
  }

  @Override
  public long size() throws IOException {
    return real.size();
  }

  @Override
  public void close() throws IOException {
    real.close();
  }
}
