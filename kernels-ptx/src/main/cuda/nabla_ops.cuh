// Operation codes passed as the `op` argument of the elementwise and reduction kernels.
// Mirrored by the Java enums dev.nabla.kernels.UnaryOp, BinaryOp, ReduceOp and ArgReduceOp
// (a unit test parses this file and compares).
#pragma once

#define NABLA_UNARY_NEG 0
#define NABLA_UNARY_EXP 1
#define NABLA_UNARY_LOG 2
#define NABLA_UNARY_SQRT 3
#define NABLA_UNARY_ABS 4
#define NABLA_UNARY_SIGN 5
#define NABLA_UNARY_SIGMOID 6
#define NABLA_UNARY_TANH 7
#define NABLA_UNARY_RELU 8
#define NABLA_UNARY_RECIPROCAL 9
#define NABLA_UNARY_SQUARE 10
#define NABLA_UNARY_SIN 11
#define NABLA_UNARY_COS 12
#define NABLA_UNARY_COPY 13
#define NABLA_UNARY_ERF 14
#define NABLA_UNARY_FLOOR 15
#define NABLA_UNARY_NONFINITE 16
#define NABLA_UNARY_LOG1P 17
#define NABLA_UNARY_EXPM1 18

#define NABLA_BINARY_ADD 0
#define NABLA_BINARY_SUB 1
#define NABLA_BINARY_MUL 2
#define NABLA_BINARY_DIV 3
#define NABLA_BINARY_POW 4
#define NABLA_BINARY_MAX 5
#define NABLA_BINARY_MIN 6
#define NABLA_BINARY_EQ 7
#define NABLA_BINARY_NE 8
#define NABLA_BINARY_LT 9
#define NABLA_BINARY_LE 10
#define NABLA_BINARY_GT 11
#define NABLA_BINARY_GE 12
#define NABLA_BINARY_FLOOR_DIVIDE 13
#define NABLA_BINARY_REMAINDER 14

#define NABLA_REDUCE_SUM 0
#define NABLA_REDUCE_MEAN 1
#define NABLA_REDUCE_MAX 2
#define NABLA_REDUCE_MIN 3

#define NABLA_ARGREDUCE_ARGMAX 0
#define NABLA_ARGREDUCE_ARGMIN 1
