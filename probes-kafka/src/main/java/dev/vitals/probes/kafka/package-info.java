/**
 * The Kafka probe: {@link dev.vitals.probes.kafka.KafkaProbeFactory} builds probes of type
 * {@code kafka} from configuration. The probe itself is package-private.
 */
package dev.vitals.probes.kafka;
