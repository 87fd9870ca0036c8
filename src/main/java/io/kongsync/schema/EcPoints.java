package io.kongsync.schema;

import java.math.BigInteger;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.util.Optional;

/**
 * The public point of an EC private key, computed in affine coordinates over a prime field with nothing but
 * {@link BigInteger}: the JDK offers no such operation, and cannot sign on every curve OpenSSL knows (secp256k1,
 * brainpool). Used to compare keys only, where constant time does not matter.
 */
final class EcPoints {

    private EcPoints() {
    }

    /** The private scalar times the curve's generator; empty for a curve over a binary field. */
    static Optional<ECPoint> publicPoint(ECPrivateKey key) {
        ECParameterSpec params = key.getParams();
        if (!(params.getCurve().getField() instanceof ECFieldFp field)) {
            return Optional.empty();
        }
        BigInteger p = field.getP();
        BigInteger a = params.getCurve().getA();
        BigInteger k = key.getS();
        ECPoint result = ECPoint.POINT_INFINITY;
        ECPoint addend = params.getGenerator();
        for (int i = 0; i < k.bitLength(); i++) {
            if (k.testBit(i)) {
                result = add(result, addend, p, a);
            }
            addend = add(addend, addend, p, a);
        }
        return Optional.of(result);
    }

    private static ECPoint add(ECPoint left, ECPoint right, BigInteger p, BigInteger a) {
        if (left.equals(ECPoint.POINT_INFINITY)) {
            return right;
        }
        if (right.equals(ECPoint.POINT_INFINITY)) {
            return left;
        }
        BigInteger x1 = left.getAffineX();
        BigInteger y1 = left.getAffineY();
        BigInteger x2 = right.getAffineX();
        BigInteger y2 = right.getAffineY();
        BigInteger slope;
        if (x1.equals(x2)) {
            if (!y1.equals(y2) || y1.signum() == 0) {
                return ECPoint.POINT_INFINITY;
            }
            slope = x1.pow(2).multiply(BigInteger.valueOf(3)).add(a).multiply(y1.shiftLeft(1).modInverse(p)).mod(p);
        } else {
            slope = y2.subtract(y1).multiply(x2.subtract(x1).modInverse(p)).mod(p);
        }
        BigInteger x3 = slope.pow(2).subtract(x1).subtract(x2).mod(p);
        BigInteger y3 = slope.multiply(x1.subtract(x3)).subtract(y1).mod(p);
        return new ECPoint(x3, y3);
    }
}
