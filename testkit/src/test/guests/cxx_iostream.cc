// iostreams: cout/cerr formatting (width, fill, precision, fixed/scientific/hexfloat, bases,
// showpos, boolalpha), stringstream parsing and composing, getline over stdin, and string
// conversions (std::stoi/stod/to_string).
// ppcvm-test: stdin="alpha 1 2.5\nbeta 22 -0.125\n\ngamma 333 1e10\nlast-line-without-newline 4 4"
#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

int main() {
    std::cout << "plain " << 42 << ' ' << -7L << ' ' << 3.5 << ' ' << true << '\n';
    std::cout << std::boolalpha << true << ' ' << std::noboolalpha << false << '\n';
    std::cout << std::hex << 255 << ' ' << std::showbase << 255 << ' ' << std::oct << 8 << ' ' << std::dec
              << std::noshowbase << 100 << '\n';
    std::cout << std::setw(10) << std::setfill('*') << 123 << '|' << std::left << std::setw(8) << "ab" << '|'
              << std::right << std::setfill(' ') << '\n';
    std::cout << std::showpos << 5 << ' ' << 0 << std::noshowpos << '\n';
    const double values[] = {0.0, 1.0 / 3, -2.5e-8, 6.02214076e23, 100.0};
    for (double v : values) {
        std::cout << std::defaultfloat << std::setprecision(6) << v << " | " << std::fixed << std::setprecision(3) << v
                  << " | " << std::scientific << std::setprecision(4) << v << " | " << std::hexfloat << v << '\n';
    }
    std::cout << std::defaultfloat;
    std::cerr << "to cerr " << 1 << std::endl;
    std::clog << "to clog" << std::endl;

    std::string line;
    int n = 0;
    long sum = 0;
    double dsum = 0;
    while (std::getline(std::cin, line)) {
        n++;
        std::istringstream in(line);
        std::string word;
        long i;
        double d;
        if (in >> word >> i >> d) {
            sum += i;
            dsum += d;
            std::cout << "line " << n << ": word=" << word << " i=" << i << " d=" << d << '\n';
        } else {
            std::cout << "line " << n << ": unparsable [" << line << "]\n";
        }
    }
    std::cout << "lines=" << n << " sum=" << sum << " dsum=" << dsum << " eof=" << std::cin.eof() << '\n';

    std::ostringstream out;
    out << "composed:" << std::setw(5) << 12 << ':' << std::fixed << std::setprecision(2) << 3.14159;
    std::cout << out.str() << " (" << out.str().size() << " chars)\n";
    std::stringstream ss("10 20 thirty 40");
    std::vector<int> nums;
    int x;
    while (ss >> x) nums.push_back(x);
    ss.clear();
    std::string rest;
    ss >> rest;
    std::cout << "parsed " << nums.size() << " ints then failed at \"" << rest << "\"\n";
    std::cout << "stoi=" << std::stoi("-123abc") << " stol hex=" << std::stol("ff", nullptr, 16)
              << " stod=" << std::stod("2.5e-3") << " to_string=" << std::to_string(1.5) << ' ' << std::to_string(-99)
              << '\n';
    try {
        std::stoi("not a number");
    } catch (const std::invalid_argument &) {
        std::cout << "stoi threw invalid_argument\n";
    }
    return 0;
}
