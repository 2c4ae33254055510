/**
 * The web part of the Vitals Spring Boot starter: request tracking through Micrometer Observation, Vitals
 * metrics in Spring's {@code MeterRegistry}, the {@code /actuator/vitals} scrape endpoint and the
 * {@code /actuator/vitals-status} status page. Everything here is written against APIs Spring Framework 6.2/7
 * and Spring Boot 3.5/4 share.
 */
package dev.vitals.spring.boot.web;
