/**
 * The starter's shared implementation: the bridge between Vitals' report and either line of Actuator's health
 * API, the probes made from health indicators, the names of the probes. No part of Vitals' API: public only so
 * that the Boot-line-specific packages can use it; it may change in any release.
 */
package dev.vitals.spring.boot.internal;
