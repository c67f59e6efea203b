package io.sluice.archfixture.policies;

/** Fixture: a policy class that imports a library (forbidden: policies may use java.* only). */
public final class Engine {
  com.fasterxml.jackson.databind.ObjectMapper mapper;
}
