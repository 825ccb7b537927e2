/* The trivial program whose run time is each runner's start-up cost (for ppcvm: starting the JVM
 * and loading the ELF); it is not one of the benchmarks.
 *
 * ppcvm-bench: role=startup
 */
int main(void) {
    return 0;
}
