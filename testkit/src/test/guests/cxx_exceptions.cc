// C++ exceptions: throw across many frames (unwinding through the ppc32 EH tables), catch by base
// class and by reference, rethrow with `throw;`, nested try blocks, exceptions from constructors
// with partially built objects destroyed in order, std::exception_ptr, noexcept checks,
// function-try-blocks, and destructors running during unwinding.
#include <cstdio>
#include <exception>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

static std::vector<std::string> trace;

struct Noisy {
    std::string name;
    explicit Noisy(std::string n) : name(std::move(n)) { trace.push_back("+" + name); }
    ~Noisy() { trace.push_back("-" + name); }
};

struct AppError : std::runtime_error {
    int code;
    AppError(const std::string &what, int c) : std::runtime_error(what), code(c) {}
};
struct DeepError : AppError {
    int depth;
    DeepError(int d) : AppError("deep failure", 42), depth(d) {}
};

static int thrower(int depth) {
    Noisy n("frame" + std::to_string(depth));
    if (depth == 0) throw DeepError(7);
    return thrower(depth - 1) + 1;
}

struct Part {
    int id;
    explicit Part(int i) : id(i) {
        trace.push_back("part" + std::to_string(i));
        if (i == 3) throw std::logic_error("part 3 refuses");
    }
    ~Part() { trace.push_back("~part" + std::to_string(id)); }
};
struct Whole {
    Part a{1}, b{2}, c{3}, d{4};
};

static void dump(const char *label) {
    std::printf("%s:", label);
    for (auto &s : trace) std::printf(" %s", s.c_str());
    std::printf("\n");
    trace.clear();
}

static void rethrower() {
    try {
        throw AppError("original", 1);
    } catch (AppError &e) {
        e.code = 99;
        throw;
    }
}

static int ftb(int x) try {
    if (x > 0) throw std::out_of_range("positive");
    return x;
} catch (const std::exception &e) {
    std::printf("function-try-block caught %s\n", e.what());
    return -1;
}

int main() {
    try {
        thrower(6);
    } catch (const AppError &e) {
        const DeepError *d = dynamic_cast<const DeepError *>(&e);
        std::printf("caught by base: %s code=%d depth=%d\n", e.what(), e.code, d ? d->depth : -1);
    }
    dump("unwinding");
    try {
        Whole w;
        std::printf("not reached\n");
    } catch (const std::logic_error &e) {
        std::printf("constructor threw: %s\n", e.what());
    }
    dump("partial construction");
    try {
        rethrower();
    } catch (const AppError &e) {
        std::printf("rethrown, same object modified: code=%d what=%s\n", e.code, e.what());
    }
    int caught = 0;
    for (int i = 0; i < 6; i++) {
        try {
            switch (i) {
                case 0: throw 17;
                case 1: throw 2.5;
                case 2: throw std::string("string");
                case 3: throw std::bad_alloc();
                case 4: throw "c string";
                default: throw Noisy("thrown-object");
            }
        } catch (int v) {
            std::printf("int %d\n", v);
            caught++;
        } catch (double v) {
            std::printf("double %a\n", v);
            caught++;
        } catch (const std::string &s) {
            std::printf("std::string %s\n", s.c_str());
            caught++;
        } catch (const std::exception &e) {
            std::printf("std::exception %s\n", e.what());
            caught++;
        } catch (...) {
            std::printf("catch-all\n");
            caught++;
        }
    }
    dump("thrown object lifetime");
    std::exception_ptr saved;
    try {
        try {
            throw std::invalid_argument("stored");
        } catch (...) {
            saved = std::current_exception();
        }
        std::rethrow_exception(saved);
    } catch (const std::invalid_argument &e) {
        std::printf("exception_ptr rethrow: %s\n", e.what());
    }
    try {
        try {
            throw std::runtime_error("inner");
        } catch (const std::runtime_error &) {
            std::throw_with_nested(std::logic_error("outer"));
        }
    } catch (const std::logic_error &e) {
        std::printf("nested: %s", e.what());
        try {
            std::rethrow_if_nested(e);
        } catch (const std::runtime_error &inner) {
            std::printf(" <- %s\n", inner.what());
        }
    }
    std::printf("ftb(1)=%d ftb(-5)=%d\n", ftb(1), ftb(-5));
    std::vector<int> v(3);
    try {
        v.at(10) = 1;
    } catch (const std::out_of_range &e) {
        std::printf("vector::at threw out_of_range\n");
    }
    auto up = std::make_unique<Noisy>("owned");
    try {
        Noisy local("local");
        throw std::runtime_error("with owner alive");
    } catch (...) {
    }
    up.reset();
    dump("scopes");
    std::printf("caught %d, uncaught_exceptions now %d\n", caught, std::uncaught_exceptions());
    return 0;
}
