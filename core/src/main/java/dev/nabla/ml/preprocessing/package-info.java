/** Feature scaling: standardisation and min-max scaling, fitted on training data and applied to any data. */
package dev.nabla.ml.preprocessing;
