// A static C++ program whose whole binary (libstdc++, libm and libc included) the isa tests
// decode and disassemble. It pulls in iostream, exceptions, std::map and std::sort, printf of
// doubles in hexadecimal, and libm, so the binary carries the instruction mix of real programs.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

static double mix(int i) {
    return std::sin(i) * std::exp(i * 0.25) + std::sqrt(i) + std::pow(i, 1.5) + std::fmod(i, 3.0)
        + std::lround(i * 0.3) + std::atan2(i, 7.0) + std::log1p(i) + std::cbrt(i);
}

int main(int argc, char** argv) {
    std::map<std::string, int> seen;
    for (int i = 0; i < argc; i++) {
        seen[argv[i]] = i;
    }
    std::vector<double> values;
    for (int i = 0; i < 16; i++) {
        values.push_back(mix(i));
    }
    std::sort(values.begin(), values.end());
    try {
        if (argc > 5) {
            throw std::runtime_error("too many arguments");
        }
    } catch (const std::exception& e) {
        std::cerr << e.what() << std::endl;
    }
    std::printf("%a %g %f %e\n", values[3], values[4], std::log(values[5]), std::floor(values[6]));
    std::cout << values[0] << " " << seen.size() << std::endl;
    return 0;
}
