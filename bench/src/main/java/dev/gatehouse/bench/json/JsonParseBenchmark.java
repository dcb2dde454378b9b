package dev.gatehouse.bench.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.gatehouse.core.JsonRpcParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The time to read the load benchmark's request and reply as trees, with repeated keys refused as
 * the gateway does ({@link JsonRpcParser#MAPPER}: while the tree is built) and as it did before (in
 * the token stream, {@code STRICT_DUPLICATE_DETECTION}, which keeps a second set of names per
 * object). Run: {@code bench/masking.sh JsonParseBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JsonParseBenchmark {
  static final byte[] REQUEST =
      ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
              + "\"params\":{\"name\":\"echo\",\"arguments\":{\"text\":\"hello from the bench\"}}}")
          .getBytes(StandardCharsets.UTF_8);
  static final byte[] REPLY =
      ("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"type\":\"text\","
              + "\"text\":\"hello from the bench\"}],\"isError\":false}}")
          .getBytes(StandardCharsets.UTF_8);

  /** The gateway's mapper before: the same limits, repeated keys caught by the token stream. */
  static final ObjectMapper STREAM_CHECK =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxNestingDepth(256).build())
                  .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  @Benchmark
  public JsonNode treeCheck() throws IOException {
    JsonRpcParser.MAPPER.readTree(REQUEST);
    return JsonRpcParser.MAPPER.readTree(REPLY);
  }

  @Benchmark
  public JsonNode streamCheck() throws IOException {
    STREAM_CHECK.readTree(REQUEST);
    return STREAM_CHECK.readTree(REPLY);
  }
}
