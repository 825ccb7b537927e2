// The standard library's containers and algorithms: vector growth, std::sort/stable_sort/
// nth_element/binary_search, map/multimap/set ordering, unordered_map (printed sorted), deque,
// list splicing, priority_queue, string operations, accumulate/transform/partition, std::function.
#include <algorithm>
#include <cstdio>
#include <deque>
#include <functional>
#include <list>
#include <map>
#include <numeric>
#include <queue>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

static unsigned seed = 99;
static unsigned rnd() { return seed = seed * 1103515245u + 12345u, (seed >> 8) & 0xffffff; }

int main() {
    std::vector<int> v;
    size_t reallocations = 0, cap = v.capacity();
    for (int i = 0; i < 100000; i++) {
        v.push_back(static_cast<int>(rnd() % 100000) - 50000);
        if (v.capacity() != cap) reallocations++, cap = v.capacity();
    }
    std::printf("vector size=%zu reallocations=%zu\n", v.size(), reallocations);
    std::vector<int> s = v;
    std::sort(s.begin(), s.end());
    std::printf("sorted=%d min=%d max=%d median=%d\n", std::is_sorted(s.begin(), s.end()), s.front(), s.back(),
                s[s.size() / 2]);
    std::vector<int> n = v;
    std::nth_element(n.begin(), n.begin() + n.size() / 2, n.end());
    std::printf("nth_element median=%d, binary_search(0)=%d, count(0)=%ld\n", n[n.size() / 2],
                std::binary_search(s.begin(), s.end(), 0), static_cast<long>(std::count(v.begin(), v.end(), 0)));
    auto [lo, hi] = std::equal_range(s.begin(), s.end(), 1234);
    std::printf("equal_range(1234) width=%ld, unique values=%ld\n", static_cast<long>(hi - lo),
                static_cast<long>(std::unique(s.begin(), s.end()) - s.begin()));
    std::vector<std::pair<int, int>> pairs;
    for (int i = 0; i < 2000; i++) pairs.push_back({static_cast<int>(rnd() % 10), i});
    std::stable_sort(pairs.begin(), pairs.end(), [](auto &a, auto &b) { return a.first < b.first; });
    bool stable = true;
    for (size_t i = 1; i < pairs.size(); i++)
        if (pairs[i - 1].first == pairs[i].first && pairs[i - 1].second > pairs[i].second) stable = false;
    std::printf("stable_sort stable=%d\n", stable);

    std::map<std::string, int> words;
    const char *text = "the cat and the dog and the bird saw the cat";
    std::string w;
    for (const char *p = text;; p++) {
        if (*p == ' ' || *p == 0) {
            if (!w.empty()) words[w]++;
            w.clear();
            if (*p == 0) break;
        } else {
            w += *p;
        }
    }
    std::printf("map:");
    for (auto &[k, c] : words) std::printf(" %s=%d", k.c_str(), c);
    std::printf("\n");
    std::multimap<int, std::string> byCount;
    for (auto &[k, c] : words) byCount.emplace(c, k);
    std::printf("multimap by count:");
    for (auto &[c, k] : byCount) std::printf(" %d:%s", c, k.c_str());
    std::printf("\n");

    std::unordered_map<std::string, long> um;
    for (int i = 0; i < 5000; i++) um["key" + std::to_string(i % 1500)] += i;
    std::vector<std::pair<std::string, long>> flat(um.begin(), um.end());
    std::sort(flat.begin(), flat.end());
    long total = 0;
    for (auto &e : flat) total += e.second;
    std::printf("unordered_map size=%zu first=%s:%ld last=%s:%ld total=%ld\n", um.size(), flat.front().first.c_str(),
                flat.front().second, flat.back().first.c_str(), flat.back().second, total);
    std::unordered_set<int> us(v.begin(), v.end());
    std::set<int> os(v.begin(), v.end());
    std::printf("unordered_set size=%zu set size=%zu set first=%d\n", us.size(), os.size(), *os.begin());

    std::deque<int> dq;
    for (int i = 0; i < 10; i++) (i % 2 ? dq.push_front(i) : dq.push_back(i));
    std::printf("deque:");
    for (int x : dq) std::printf(" %d", x);
    std::list<int> l1{1, 2, 3}, l2{10, 20};
    l1.splice(std::next(l1.begin()), l2);
    l1.reverse();
    std::printf("\nlist:");
    for (int x : l1) std::printf(" %d", x);
    std::priority_queue<int> pq(v.begin(), v.begin() + 50);
    std::printf("\npriority_queue top3: %d", pq.top());
    pq.pop();
    std::printf(" %d", pq.top());
    pq.pop();
    std::printf(" %d\n", pq.top());

    std::string str = "Hello, PowerPC world";
    std::string up = str;
    std::transform(up.begin(), up.end(), up.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    std::printf("string find=%zu rfind=%zu substr=%s upper=%s replace=%s\n", str.find("PowerPC"), str.rfind('o'),
                str.substr(7, 7).c_str(), up.c_str(), std::string(str).replace(0, 5, "Goodbye").c_str());
    std::vector<int> part(20);
    std::iota(part.begin(), part.end(), -5);
    auto mid = std::partition(part.begin(), part.end(), [](int x) { return x % 3 == 0; });
    std::printf("partition: %ld multiples of 3, accumulate=%d, inner_product=%d\n",
                static_cast<long>(mid - part.begin()), std::accumulate(part.begin(), part.end(), 0),
                std::inner_product(part.begin(), part.end(), part.begin(), 0));
    std::vector<std::function<int(int)>> fs = {[](int x) { return x + 1; }, [](int x) { return x * x; },
                                               [k = 7](int x) { return x - k; }};
    int acc = 3;
    for (auto &f : fs) acc = f(acc);
    std::printf("std::function chain=%d\n", acc);
    return 0;
}
