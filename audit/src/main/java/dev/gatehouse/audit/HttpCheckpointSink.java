package dev.gatehouse.audit;

import dev.gatehouse.audit.note.Checkpoint;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** POSTs each signed checkpoint ({@code text/plain; charset=utf-8}) to a URL; 2xx is success. */
public final class HttpCheckpointSink implements CheckpointSink {
  private final URI uri;
  private final Duration timeout;
  private final HttpClient client;

  public HttpCheckpointSink(URI uri, Duration timeout) {
    this.uri = uri;
    this.timeout = timeout;
    this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  @Override
  public void publish(Checkpoint checkpoint, String signedNote)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Content-Type", "text/plain; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(signedNote))
            .build();
    HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
    if (response.statusCode() / 100 != 2) {
      throw new IOException(uri + " answered HTTP " + response.statusCode());
    }
  }

  @Override
  public String describe() {
    return "http " + uri;
  }
}
