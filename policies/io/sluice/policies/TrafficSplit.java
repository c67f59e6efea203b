package io.sluice.policies;

/**
 * Integer weights in percent for the two backends; they always sum to 100, so a split can never
 * route to nothing.
 */
public record TrafficSplit(int cvm, int scf) {

  public TrafficSplit {
    if (cvm < 0 || cvm > 100 || scf < 0 || scf > 100 || cvm + scf != 100) {
      throw new IllegalArgumentException(
          "weights must be 0-100 and sum to 100, got cvm=" + cvm + ",scf=" + scf);
    }
  }

  /** Everything on {@code backend}. */
  public static TrafficSplit allOn(Backend backend) {
    return backend == Backend.CVM ? new TrafficSplit(100, 0) : new TrafficSplit(0, 100);
  }

  /** {@code percent} on {@code backend}, the rest on the other one. */
  public static TrafficSplit of(Backend backend, int percent) {
    return backend == Backend.CVM
        ? new TrafficSplit(percent, 100 - percent)
        : new TrafficSplit(100 - percent, percent);
  }

  /**
   * Reads {@code cvm=70,scf=30} (either order; one side may be left out and takes the rest).
   *
   * @throws IllegalArgumentException naming the rule and the value
   */
  public static TrafficSplit parse(String text) {
    Integer cvm = null;
    Integer scf = null;
    for (String part : text.split(",")) {
      String[] kv = part.trim().split("=", -1);
      if (kv.length != 2) {
        throw new IllegalArgumentException("must look like cvm=70,scf=30, got '" + text + "'");
      }
      int weight;
      try {
        weight = Integer.parseInt(kv[1].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("weight must be an integer 0-100, got '" + kv[1] + "'");
      }
      switch (Backend.fromId(kv[0].trim())) {
        case CVM -> cvm = weight;
        case SCF -> scf = weight;
      }
    }
    if (cvm == null && scf == null) {
      throw new IllegalArgumentException("must look like cvm=70,scf=30, got '" + text + "'");
    }
    return new TrafficSplit(cvm != null ? cvm : 100 - scf, scf != null ? scf : 100 - cvm);
  }

  public int weight(Backend backend) {
    return backend == Backend.CVM ? cvm : scf;
  }

  /** True when every request goes to {@code backend}. */
  public boolean isAllOn(Backend backend) {
    return weight(backend) == 100;
  }

  /** True when {@code backend} receives any traffic. */
  public boolean routesTo(Backend backend) {
    return weight(backend) > 0;
  }

  @Override
  public String toString() {
    return "cvm=" + cvm + ",scf=" + scf;
  }
}
