// C++ dispatch and generic code: virtual calls through base pointers, pure virtual interfaces,
// multiple and virtual inheritance (this-pointer adjustment thunks), dynamic_cast and typeid,
// templates (function, class, variadic, CRTP, specialisation, constexpr), and operator overloading.
#include <cstdio>
#include <memory>
#include <string>
#include <typeinfo>
#include <vector>

struct Shape {
    virtual ~Shape() = default;
    virtual double area() const = 0;
    virtual const char *name() const { return "shape"; }
};
struct Rect : Shape {
    double w, h;
    Rect(double a, double b) : w(a), h(b) {}
    double area() const override { return w * h; }
    const char *name() const override { return "rect"; }
};
struct Square final : Rect {
    explicit Square(double s) : Rect(s, s) {}
    const char *name() const override { return "square"; }
};
struct Circle : Shape {
    double r;
    explicit Circle(double x) : r(x) {}
    double area() const override { return 3.141592653589793 * r * r; }
};

struct Named { virtual ~Named() = default; virtual std::string label() const { return "named"; } int tag = 1; };
struct Counted { virtual ~Counted() = default; virtual int count() const { return 0; } int n = 2; };
struct Both : Named, Counted {
    std::string label() const override { return "both"; }
    int count() const override { return 5 + n + tag; }
};

struct Base { int b = 10; virtual int get() const { return b; } virtual ~Base() = default; };
struct Left : virtual Base { int l = 1; int get() const override { return b + l; } };
struct Right : virtual Base { int r = 2; };
struct Diamond : Left, Right { int get() const override { return b + l + r; } };

template <typename T> T maxOf(T a, T b) { return a < b ? b : a; }
template <typename T, typename... Rest> T sumAll(T first, Rest... rest) {
    if constexpr (sizeof...(rest) == 0) return first; else return first + sumAll(rest...);
}
template <typename T, int N> struct FixedStack {
    T items[N];
    int top = 0;
    bool push(T v) { if (top == N) return false; items[top++] = v; return true; }
    T pop() { return items[--top]; }
};
template <typename T> struct Describe { static const char *what() { return "generic"; } };
template <> struct Describe<int> { static const char *what() { return "int"; } };
template <typename T> struct Describe<T *> { static const char *what() { return "pointer"; } };

template <typename Derived> struct Counter {
    int calls = 0;
    int run(int x) { calls++; return static_cast<Derived *>(this)->step(x); }
};
struct Doubler : Counter<Doubler> { int step(int x) { return 2 * x; } };

constexpr unsigned long long factorial(int n) { return n <= 1 ? 1 : n * factorial(n - 1); }
static_assert(factorial(10) == 3628800ULL, "constexpr");

struct Vec2 {
    double x, y;
    Vec2 operator+(const Vec2 &o) const { return {x + o.x, y + o.y}; }
    Vec2 operator*(double k) const { return {x * k, y * k}; }
    bool operator==(const Vec2 &o) const { return x == o.x && y == o.y; }
};

int main() {
    std::vector<std::unique_ptr<Shape>> shapes;
    shapes.push_back(std::make_unique<Rect>(2, 3.5));
    shapes.push_back(std::make_unique<Square>(4));
    shapes.push_back(std::make_unique<Circle>(1.5));
    double total = 0;
    for (auto &s : shapes) {
        std::printf("%s area=%a rect?%d square?%d\n", s->name(), s->area(), dynamic_cast<Rect *>(s.get()) != nullptr,
                    dynamic_cast<Square *>(s.get()) != nullptr);
        total += s->area();
    }
    std::printf("total=%a typeid(*shapes[1]) mangled=%s\n", total, typeid(*shapes[1]).name());
    Both both;
    Counted *c = &both;
    Named *nm = &both;
    std::printf("Both via Counted=%d via Named=%s cross-cast ok=%d\n", c->count(), nm->label().c_str(),
                dynamic_cast<Named *>(c) == nm);
    Diamond d;
    Base *b = static_cast<Left *>(&d);
    std::printf("diamond get()=%d via base=%d, one Base subobject: %d\n", d.get(), b->get(),
                static_cast<Base *>(static_cast<Left *>(&d)) == static_cast<Base *>(static_cast<Right *>(&d)));
    std::printf("maxOf=%d %a %s\n", maxOf(3, 9), maxOf(2.5, -1.0), maxOf(std::string("abc"), std::string("abd")).c_str());
    std::printf("sumAll=%d %a\n", sumAll(1, 2, 3, 4, 5), sumAll(0.5, 0.25, 0.125));
    FixedStack<int, 4> st;
    int pushed = 0;
    for (int i = 0; i < 6; i++) pushed += st.push(i * i);
    std::printf("FixedStack pushed=%d pop=%d,%d\n", pushed, st.pop(), st.pop());
    std::printf("Describe: %s %s %s\n", Describe<int>::what(), Describe<double>::what(), Describe<char *>::what());
    Doubler dbl;
    int v = 1;
    for (int i = 0; i < 10; i++) v = dbl.run(v);
    std::printf("CRTP v=%d calls=%d factorial(20)=%llu\n", v, dbl.calls, factorial(20));
    Vec2 p{1, 2}, q{0.5, -1};
    Vec2 r = (p + q) * 2;
    std::printf("Vec2 %a,%a equal=%d\n", r.x, r.y, r == Vec2{3, 2});
    return 0;
}
