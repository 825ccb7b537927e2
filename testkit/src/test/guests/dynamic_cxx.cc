// A dynamically linked C++ program against the shared libstdc++: iostreams, exceptions thrown
// across the library boundary, containers, virtual calls and std::string.
// ppcvm-test: link=dynamic
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

struct Shape {
    virtual ~Shape() = default;
    virtual double area() const = 0;
    virtual std::string name() const = 0;
};
struct Square : Shape {
    double side;
    explicit Square(double s) : side(s) {}
    double area() const override { return side * side; }
    std::string name() const override { return "square"; }
};
struct Circle : Shape {
    double r;
    explicit Circle(double radius) : r(radius) {}
    double area() const override { return 3.0 * r * r; }
    std::string name() const override { return "circle"; }
};

int main() {
    std::vector<std::unique_ptr<Shape>> shapes;
    shapes.push_back(std::make_unique<Square>(2));
    shapes.push_back(std::make_unique<Circle>(1));
    std::map<std::string, double> areas;
    for (const auto &s : shapes) {
        areas[s->name()] = s->area();
    }
    for (const auto &[name, area] : areas) {
        std::cout << name << " " << area << "\n";
    }
    try {
        std::vector<int> v(3);
        (void)v.at(7);
    } catch (const std::out_of_range &e) {
        std::cout << "out_of_range caught\n";
    }
    try {
        throw std::runtime_error("thrown by us");
    } catch (const std::exception &e) {
        std::cout << "caught: " << e.what() << "\n";
    }
    std::ostringstream out;
    out << std::hex << 255 << " " << std::dec << 1.5;
    std::cout << out.str() << std::endl;
    return 0;
}
