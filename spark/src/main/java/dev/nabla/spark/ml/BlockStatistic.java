package dev.nabla.spark.ml;

import java.io.Serializable;

/** The sufficient statistics of one block, as a flat array that adds element-wise across blocks. */
@FunctionalInterface
interface BlockStatistic extends Serializable {

    /** This block's contribution. */
    double[] of(Block block);
}
