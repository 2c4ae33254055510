package dev.vitals.probes.kafka;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The child JVM of {@link TestKafka}: formats the KRaft storage on first start, then runs a real Kafka
 * server ({@code kafka.Kafka}, broker and controller in one process). Arguments: the config file, the
 * data folder, the cluster id.
 */
public final class BrokerMain {

  private BrokerMain() {}

  public static void main(String[] args) throws Exception {
    String config = args[0];
    Path data = Path.of(args[1]);
    if (!Files.exists(data.resolve("meta.properties"))) {
      int rc = kafka.tools.StorageTool$.MODULE$.execute(new String[] {"format", "-t", args[2], "-c", config},
          System.out);
      if (rc != 0) {
        System.err.println("format failed: " + rc);
        System.exit(rc);
      }
    }
    kafka.Kafka.main(new String[] {config});
  }
}
