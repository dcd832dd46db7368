package io.orogen.backup.etcd;

import io.etcd.jetcd.maintenance.SnapshotResponse;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * etcd's snapshot stream as an {@link InputStream}, with bounded memory: gRPC delivers chunks (32
 * KiB each) into a queue of at most 64; while the queue is full the delivering thread waits, gRPC
 * asks for no more, and HTTP/2 flow control holds the member back. The reader gives up when nothing
 * arrives for the idle timeout.
 */
final class SnapshotStream extends InputStream implements StreamObserver<SnapshotResponse> {

  private static final int QUEUED_CHUNKS = 64;
  private static final Object END = new Object();

  private final BlockingQueue<Object> chunks = new ArrayBlockingQueue<>(QUEUED_CHUNKS);
  private final Duration idleTimeout;
  private volatile boolean closed;
  private byte[] current = new byte[0];
  private int position;
  private boolean ended;

  SnapshotStream(Duration idleTimeout) {
    this.idleTimeout = idleTimeout;
  }

  // gRPC's side.

  @Override
  public void onNext(SnapshotResponse response) {
    offer(response.getBlob().toByteArray());
  }

  @Override
  public void onError(Throwable failure) {
    offer(failure);
  }

  @Override
  public void onCompleted() {
    offer(END);
  }

  private void offer(Object item) {
    try {
      while (!closed && !chunks.offer(item, 100, TimeUnit.MILLISECONDS)) {
        // the reader is slower than the member: wait, and so hold the stream back
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // The reader's side.

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    while (position == current.length) {
      if (ended) {
        return -1;
      }
      next();
    }
    int n = Math.min(length, current.length - position);
    System.arraycopy(current, position, buffer, offset, n);
    position += n;
    return n;
  }

  private void next() throws IOException {
    Object item;
    try {
      item = chunks.poll(idleTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the snapshot stream");
    }
    if (item == null) {
      throw new IOException("the member sent nothing for " + idleTimeout.toSeconds() + " s");
    }
    if (item == END) {
      ended = true;
      return;
    }
    if (item instanceof Throwable failure) {
      throw new IOException("the snapshot stream failed: " + failure.getMessage(), failure);
    }
    current = (byte[]) item;
    position = 0;
  }

  @Override
  public void close() {
    closed = true;
    chunks.clear();
  }
}
