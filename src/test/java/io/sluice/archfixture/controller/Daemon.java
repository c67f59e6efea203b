package io.sluice.archfixture.controller;

/** Fixture: a controller class that others must not import. */
public final class Daemon {}
