package dev.nabla.cuda;

/**
 * What the device reports about its memory ({@code cuMemGetInfo}).
 *
 * @param freeBytes bytes the device could still hand out
 * @param totalBytes the device's total memory
 */
public record MemoryInfo(long freeBytes, long totalBytes) {
}
