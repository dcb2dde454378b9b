package dev.gatehouse.audit.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Opens the writer's files; {@link #DEFAULT} uses {@link FileChannel}. Replaced in tests. */
public interface FileOpener {
  /**
   * Opens {@code path} for appending.
   *
   * @param createNew true to create a file that must not exist yet (a new segment)
   */
  AppendFile openAppend(Path path, boolean createNew) throws IOException;

  /**
   * Makes a directory's entries durable, so a file created in it survives a crash (without this a
   * new segment's records could be on disk while the file's name is not).
   */
  void syncDirectory(Path dir) throws IOException;

  /**
   * Creates {@code path} (which must not exist) holding {@code size} zero bytes, forced to disk.
   * Real zero blocks, not a sparse file or {@code fallocate}'s unwritten extents: the first write
   * into either changes the file's block map, which ext4 must journal on the next fdatasync, and
   * avoiding exactly that journal commit is the point. A failure (a full disk) deletes the partial
   * file.
   */
  default void preallocate(Path path, long size) throws IOException {
    try (AppendFile f = openAppend(path, true)) {
      ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(size, 1 << 20));
      for (long written = 0; written < size; ) {
        zeros.clear().limit((int) Math.min(zeros.capacity(), size - written));
        written += zeros.remaining();
        f.write(zeros);
        // A MiB at a time: the segment being written shares the disk, and on a virtual disk one
        // flush may wait for everything the guest has sent; tens of MiB of zeros in flight at
        // once would stall the records' fsyncs.
        f.force();
      }
    } catch (IOException | RuntimeException e) {
      try {
        java.nio.file.Files.deleteIfExists(path);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  FileOpener DEFAULT =
      new FileOpener() {
        @Override
        public AppendFile openAppend(Path path, boolean createNew) throws IOException {
          FileChannel ch =
              createNew
                  ? FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)
                  : FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          ch.position(ch.size());
          return new ChannelFile(ch);
        }

        @Override
        public void syncDirectory(Path dir) throws IOException {
          try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
          }
        }
      };

  /** {@link AppendFile} over a {@link FileChannel}. */
  final class ChannelFile implements AppendFile {
    private final FileChannel channel;

    ChannelFile(FileChannel channel) {
      this.channel = channel;
    }

    @Override
    public void write(ByteBuffer data) throws IOException {
      while (data.hasRemaining()) {
        channel.write(data);
      }
    }

    @Override
    public void seek(long position) throws IOException {
      channel.position(position);
    }

    @Override
    public void force() throws IOException {
      // Data only: the file's length is part of what fdatasync makes durable, its times are not.
      channel.force(false);
    }

    @Override
    public void truncate(long size) throws IOException {
      channel.truncate(size);
      channel.position(size);
    }

    @Override
    public long size() throws IOException {
      return channel.size();
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }
}
