/**
 * The Kafka probe (type {@code kafka}): a cluster's description and, optionally, a topic's partition
 * leaders and in-sync replicas, over one Kafka {@code Admin} client per probe.
 *
 * <p>Configured only ({@code vitals.probes.<name>.type = kafka}); the package exports the factory alone.
 * The Kafka client ({@code org.apache.kafka:kafka-clients}, an automatic module named after its jar)
 * is read internally and not exported.
 */
module dev.vitals.probes.kafka {
  requires transitive dev.vitals.api;
  requires kafka.clients;

  exports dev.vitals.probes.kafka;

  provides dev.vitals.api.spi.ProbeFactory with dev.vitals.probes.kafka.KafkaProbeFactory;
}
