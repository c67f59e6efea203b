package io.sluice.controller.actuate.clb;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Scales the home targets' weights down to a traffic share, for a rule that holds CVM targets and
 * the function at once: the CVM weights then add up to the CVM share and the function's weight is
 * the SCF share, so both read on one scale of 100.
 *
 * <p>Rounding keeps the home proportions as well as integers allow (largest remainder), and every
 * target with a home weight above 0 keeps at least 1, so none drops out of rotation while CVM is
 * meant to get traffic. With more targets than percent, those minimums can add up to more than the
 * share; the rule then gives CVM a little more than asked, never nothing.
 */
final class WeightScaling {
  private WeightScaling() {}

  /**
   * @param home the targets at their home weights, at least one of them above 0
   * @param share the CVM share, 1-99
   * @return the home targets, in the same order, with scaled weights
   */
  static List<CvmTarget> scale(List<CvmTarget> home, int share) {
    if (share < 1 || share > 99) {
      throw new IllegalArgumentException("share: must be 1-99, got " + share);
    }
    int homeTotal = home.stream().mapToInt(CvmTarget::weight).sum();
    if (homeTotal <= 0) {
      throw new IllegalArgumentException("home targets: need a weight above 0, got " + home);
    }
    int n = home.size();
    double[] exact = new double[n];
    int[] scaled = new int[n];
    int assigned = 0;
    for (int i = 0; i < n; i++) {
      int weight = home.get(i).weight();
      exact[i] = (double) weight * share / homeTotal;
      scaled[i] = weight == 0 ? 0 : Math.max(1, (int) Math.floor(exact[i]));
      assigned += scaled[i];
    }
    // the rest goes to the largest remainders among those the minimum of 1 did not already lift;
    // there are always more of them than percent left over
    List<Integer> byRemainder =
        IntStream.range(0, n)
            .filter(i -> home.get(i).weight() > 0 && scaled[i] == (int) Math.floor(exact[i]))
            .boxed()
            .sorted(
                Comparator.comparingDouble((Integer i) -> exact[i] - Math.floor(exact[i]))
                    .reversed()
                    .thenComparing(i -> i))
            .toList();
    for (int k = 0; assigned < share && k < byRemainder.size(); k++) {
      scaled[byRemainder.get(k)]++;
      assigned++;
    }
    List<CvmTarget> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(home.get(i).withWeight(scaled[i]));
    }
    return out;
  }
}
