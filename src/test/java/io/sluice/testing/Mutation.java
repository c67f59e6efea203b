package io.sluice.testing;

/**
 * One change a simulated cloud made to one piece of a route.
 *
 * @param piece which piece: a rule, a record pair
 * @param before the piece's {cvm, scf} traffic shares before, {0, 0} when it routed nothing
 * @param after the shares after
 * @param routesNothing whether the piece routes to nothing after it
 */
public record Mutation(
    long at,
    String piece,
    String action,
    String target,
    String requestId,
    int[] before,
    int[] after,
    boolean routesNothing) {}
