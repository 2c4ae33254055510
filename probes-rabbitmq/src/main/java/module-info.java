/**
 * The RabbitMQ probe (type {@code rabbitmq}): an AMQP 0-9-1 connection of its own, the server's
 * version, and optionally a queue's depth and consumers. Built on the RabbitMQ Java client
 * ({@code com.rabbitmq:amqp-client}), which it keeps to itself.
 */
module dev.vitals.probes.rabbitmq {
  requires transitive dev.vitals.api;
  requires com.rabbitmq.client;

  exports dev.vitals.probes.rabbitmq;

  provides dev.vitals.api.spi.ProbeFactory with dev.vitals.probes.rabbitmq.RabbitMqProbeFactory;
}
