package io.orogen.testing.layering.clean.model;

/** A pure decision. */
public record Choice(String name) {}
