/**
 * The RabbitMQ probe: {@link dev.vitals.probes.rabbitmq.RabbitMqProbeFactory} builds probes of type
 * {@code rabbitmq} from configuration; the probes themselves are not public.
 */
package dev.vitals.probes.rabbitmq;
