// Triangulation invariants on hand-made and real polygons: every triangle is
// counter-clockwise with positive area, the areas add up to the polygon's (outer minus
// holes), every centroid lies inside the polygon, and simple input yields exactly
// n - 2 + 2h triangles.
#include "core/triangulate.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <numbers>
#include <random>
#include <vector>

namespace explainer {
namespace {

// [SECTION] Reference geometry (independent of the code under test)

// Relative to the ring's first point: far from the origin (lon -178) the plain formula
// loses 1e-9 of a small island's area to cancellation.
double shoelace(const std::vector<Vec2d>& pts, uint32_t begin, uint32_t end) {
    if (end - begin < 3) return 0.0;
    const Vec2d o = pts[begin];
    double twice = 0.0;
    for (uint32_t i = begin, j = end - 1; i < end; j = i++) {
        twice += (pts[j].x - o.x) * (pts[i].y - o.y) - (pts[i].x - o.x) * (pts[j].y - o.y);
    }
    return twice / 2.0;
}

double polygon_area(const std::vector<Vec2d>& pts, const std::vector<uint32_t>& ends) {
    double area = 0.0;
    uint32_t begin = 0;
    for (size_t r = 0; r < ends.size(); ++r) {
        const double a = std::fabs(shoelace(pts, begin, ends[r]));
        area += r == 0 ? a : -a;
        begin = ends[r];
    }
    return area;
}

// Even-odd over all rings: inside the outer ring and outside every hole.
bool inside_polygon(const std::vector<Vec2d>& pts, const std::vector<uint32_t>& ends, Vec2d p) {
    bool inside = false;
    uint32_t begin = 0;
    for (uint32_t end : ends) {
        for (uint32_t i = begin, j = end - 1; i < end; j = i++) {
            const Vec2d a = pts[i], b = pts[j];
            if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x) inside = !inside;
        }
        begin = end;
    }
    return inside;
}

double triangle_area(Vec2d a, Vec2d b, Vec2d c) { return ((b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x)) / 2.0; }

struct Expect {
    long triangle_count = -1;  // exact count when known (simple input), -1 otherwise
    double area_tolerance = 1e-9;
};

// Checks the invariants and returns the triangle count.
size_t check(const std::vector<Vec2d>& pts, const std::vector<uint32_t>& ends, Expect expect = {}) {
    const std::vector<uint32_t> tris = triangulate_polygon(pts, ends);
    EXPECT_EQ(tris.size() % 3, 0u);
    double sum = 0.0;
    for (size_t t = 0; t < tris.size(); t += 3) {
        EXPECT_LT(tris[t], pts.size());
        EXPECT_LT(tris[t + 1], pts.size());
        EXPECT_LT(tris[t + 2], pts.size());
        if (::testing::Test::HasFailure()) return 0;
        const Vec2d a = pts[tris[t]], b = pts[tris[t + 1]], c = pts[tris[t + 2]];
        const double area = triangle_area(a, b, c);
        EXPECT_GT(area, 0.0) << "triangle " << t / 3 << " is flat or clockwise";
        const Vec2d centroid = {(a.x + b.x + c.x) / 3.0, (a.y + b.y + c.y) / 3.0};
        EXPECT_TRUE(inside_polygon(pts, ends, centroid))
            << "(" << a.x << "," << a.y << ") (" << b.x << "," << b.y << ") (" << c.x << "," << c.y << ") area " << area
            << "triangle " << t / 3 << " centroid (" << centroid.x << ", " << centroid.y << ") outside";
        sum += area;
    }
    const double expected = polygon_area(pts, ends);
    EXPECT_NEAR(sum, expected, expect.area_tolerance * std::fabs(expected));
    if (expect.triangle_count >= 0) {
        EXPECT_EQ(static_cast<long>(tris.size() / 3), expect.triangle_count);
    }
    return tris.size() / 3;
}

// Rings given as separate lists, concatenated.
struct Shape {
    std::vector<Vec2d> pts;
    std::vector<uint32_t> ends;
    Shape& ring(std::initializer_list<Vec2d> ring) {
        pts.insert(pts.end(), ring);
        ends.push_back(static_cast<uint32_t>(pts.size()));
        return *this;
    }
    Shape& ring(const std::vector<Vec2d>& ring) {
        pts.insert(pts.end(), ring.begin(), ring.end());
        ends.push_back(static_cast<uint32_t>(pts.size()));
        return *this;
    }
};

std::vector<Vec2d> reversed(std::vector<Vec2d> v) { return {v.rbegin(), v.rend()}; }

// Real rings: Natural Earth 1:50m via world-atlas 2.0.2 (public domain), lon/lat.
const Vec2d kIraq[] = {
// Iraq outer
    {42.3598, 37.1094}, {42.4570, 37.1285}, {42.6370, 37.2501}, {42.7414, 37.3612}, {42.7738, 37.3716}, {42.8674, 37.3351},
    {42.9358, 37.3247}, {43.0942, 37.3681}, {43.1842, 37.3455}, {43.2634, 37.3160}, {43.3066, 37.3143}, {43.5154, 37.2448},
    {43.5694, 37.2362}, {43.6774, 37.2275}, {43.8358, 37.2240}, {43.9402, 37.2691}, {44.0122, 37.3143}, {44.0662, 37.3125},
    {44.1130, 37.3021}, {44.1562, 37.2830}, {44.1922, 37.2501}, {44.2066, 37.2032}, {44.2030, 37.0521}, {44.2174, 37.0122},
    {44.2462, 36.9827}, {44.2822, 36.9775}, {44.3254, 37.0105}, {44.4010, 37.0591}, {44.4946, 37.1112}, {44.5666, 37.1580},
    {44.6062, 37.1754}, {44.6710, 37.1737}, {44.7322, 37.1650}, {44.7646, 37.1424}, {44.7646, 37.1355}, {44.7970, 37.0643},
    {44.8798, 36.7987}, {44.9266, 36.7657}, {44.9806, 36.7379}, {45.0203, 36.6980}, {45.0347, 36.6581}, {45.0311, 36.5973},
    {45.0311, 36.5261}, {45.0527, 36.4723}, {45.0851, 36.4307}, {45.1139, 36.4098}, {45.1571, 36.4081}, {45.2075, 36.3977},
    {45.2399, 36.3560}, {45.3515, 36.0539}, {45.3623, 36.0158}, {45.4091, 36.0036}, {45.4847, 36.0088}, {45.5603, 35.9776},
    {45.6467, 35.9290}, {45.7223, 35.8369}, {45.7763, 35.8213}, {45.9419, 35.8352}, {46.1687, 35.8213}, {46.2731, 35.7727},
    {46.2623, 35.7449}, {46.1795, 35.7120}, {46.0391, 35.6738}, {45.9959, 35.6078}, {45.9707, 35.5245}, {45.9743, 35.4776},
    {46.0103, 35.4255}, {46.1111, 35.3214}, {46.1183, 35.2849}, {46.1363, 35.2328}, {46.1543, 35.1964}, {46.1327, 35.1269},
    {46.0427, 35.0800}, {45.9203, 35.0280}, {45.6791, 34.7988}, {45.6611, 34.7485}, {45.6611, 34.6131}, {45.6359, 34.5731},
    {45.5603, 34.5749}, {45.4991, 34.5818}, {45.4991, 34.5332}, {45.4595, 34.4707}, {45.4379, 34.4152}, {45.5279, 34.2850},
    {45.5423, 34.2155}, {45.5279, 34.1530}, {45.4451, 34.0437}, {45.3983, 33.9707}, {45.4091, 33.9551}, {45.4739, 33.9256},
    {45.6755, 33.6860}, {45.7367, 33.6027}, {45.8231, 33.6253}, {45.8555, 33.6235}, {45.8807, 33.6097}, {45.8951, 33.5819},
    {45.8951, 33.5454}, {45.8735, 33.4916}, {45.9815, 33.4708}, {46.0211, 33.4152}, {46.1471, 33.2295}, {46.1399, 33.1739},
    {46.0823, 33.0871}, {46.0823, 33.0281}, {46.0931, 32.9760}, {46.1111, 32.9569}, {46.2983, 32.9500}, {46.3775, 32.9291},
    {46.5683, 32.8337}, {46.7879, 32.6878}, {46.9679, 32.5681}, {47.1227, 32.4674}, {47.2847, 32.4743}, {47.3315, 32.4552},
    {47.3711, 32.4240}, {47.4179, 32.3406}, {47.5115, 32.1514}, {47.5907, 32.0872}, {47.7131, 31.9361}, {47.8283, 31.7938},
    {47.7527, 31.6011}, {47.6807, 31.3997}, {47.6807, 31.1411}, {47.6807, 31.0022}, {47.8355, 30.9970}, {48.0119, 30.9900},
    {48.0119, 30.8234}, {48.0119, 30.6567}, {48.0155, 30.4658}, {48.0659, 30.4571}, {48.1487, 30.4171}, {48.1811, 30.3546},
    {48.2279, 30.3217}, {48.2783, 30.3165}, {48.3323, 30.2852}, {48.3827, 30.2297}, {48.4007, 30.1880}, {48.3863, 30.1602},
    {48.3971, 30.1099}, {48.4331, 30.0370}, {48.4799, 30.0040}, {48.5447, 29.9623}, {48.4547, 29.9380}, {48.3539, 29.9571},
    {48.1415, 30.0404}, {48.0731, 30.0439}, {47.9831, 30.0109}, {47.9795, 29.9831}, {47.7527, 30.0769}, {47.6735, 30.0960},
    {47.6447, 30.0977}, {47.5151, 30.0960}, {47.3315, 30.0804}, {47.2235, 30.0422}, {47.1479, 30.0005}, {47.1155, 29.9606},
    {47.1011, 29.9397}, {47.0435, 29.8234}, {46.9751, 29.6724}, {46.9067, 29.5370}, {46.7699, 29.3478}, {46.6943, 29.2592},
    {46.5323, 29.0960}, {46.3559, 29.0631}, {45.9491, 29.0960}, {45.4991, 29.1308}, {45.0491, 29.1672}, {44.7178, 29.1933},
    {44.6890, 29.2019}, {44.3614, 29.4346}, {44.0986, 29.6186}, {43.7746, 29.8495}, {43.4398, 30.0838}, {43.1014, 30.3217},
    {42.8566, 30.4953}, {42.5614, 30.7175}, {42.2878, 30.9206}, {42.0754, 31.0803}, {41.7982, 31.2209}, {41.5858, 31.3303},
    {41.2726, 31.4883}, {41.0242, 31.6167}, {40.8082, 31.7261}, {40.4806, 31.8927}, {40.3690, 31.9396}, {40.0270, 31.9952},
    {39.7030, 32.0420}, {39.3682, 32.0924}, {39.1450, 32.1254}, {39.2926, 32.2434}, {39.2458, 32.3511}, {39.1414, 32.3320},
    {39.0406, 32.3059}, {38.9830, 32.4726}, {39.0586, 32.4934}, {38.9866, 32.7104}, {38.9146, 32.9343}, {38.8462, 33.1513},
    {38.7742, 33.3718}, {39.0550, 33.5142}, {39.2674, 33.6201}, {39.5662, 33.7676}, {39.8506, 33.9117}, {40.1206, 34.0471},
    {40.4230, 34.1982}, {40.6894, 34.3318}, {40.9342, 34.3874}, {40.9882, 34.4290}, {41.0998, 34.6131}, {41.1934, 34.7693},
    {41.2006, 34.8058}, {41.2006, 35.0280}, {41.2150, 35.2884}, {41.2474, 35.4272}, {41.3050, 35.5505}, {41.3554, 35.6408},
    {41.3590, 35.7241}, {41.3518, 35.8092}, {41.3014, 35.9394}, {41.2438, 36.0730}, {41.2510, 36.2032}, {41.2618, 36.2727},
    {41.2942, 36.3838}, {41.3554, 36.4636}, {41.4166, 36.5140}, {41.6506, 36.5661}, {41.7874, 36.5973}, {41.9746, 36.7414},
    {42.0826, 36.8265}, {42.2374, 36.9619}, {42.3490, 37.0608}, {42.3598, 37.0955}, {42.3598, 37.1094},
};
const Vec2d kSouthAfrica[] = {
// outer
    {29.3637, -22.1942}, {29.3781, -22.1924}, {29.6625, -22.1456}, {29.9037, -22.1838}, {30.1917, -22.2914}, {30.4617, -22.3296},
    {30.7101, -22.2983}, {30.9153, -22.2914}, {31.0737, -22.3070}, {31.1961, -22.3452}, {31.2861, -22.4025}, {31.2933, -22.4546},
    {31.3005, -22.4789}, {31.3473, -22.6178}, {31.4193, -22.8243}, {31.4661, -23.0170}, {31.5309, -23.2792}, {31.5309, -23.4250},
    {31.5453, -23.4823}, {31.6029, -23.5535}, {31.6749, -23.6750}, {31.7001, -23.7427}, {31.7253, -23.7948}, {31.8009, -23.8920},
    {31.8585, -24.0395}, {31.9089, -24.2357}, {31.9521, -24.3295}, {31.9665, -24.3763}, {31.9845, -24.4614}, {31.9845, -24.6385},
    {31.9845, -24.8433}, {31.9845, -25.0742}, {31.9881, -25.2634}, {31.9809, -25.3589}, {31.9845, -25.6315}, {31.9197, -25.7738},
    {31.9269, -25.8849}, {31.9485, -25.9578}, {31.9233, -25.9682}, {31.8729, -25.9821}, {31.6389, -25.8676}, {31.4157, -25.7460},
    {31.3833, -25.7426}, {31.3365, -25.7547}, {31.2069, -25.8433}, {31.0881, -25.9804}, {31.0341, -26.0984}, {30.9441, -26.2182},
    {30.8037, -26.4127}, {30.7893, -26.4561}, {30.7857, -26.6140}, {30.7929, -26.7651}, {30.8073, -26.7859}, {30.8829, -26.7929},
    {30.9369, -26.9161}, {31.0629, -27.1123}, {31.2753, -27.2390}, {31.4697, -27.2963}, {31.7433, -27.3102}, {31.9593, -27.3067},
    {31.9449, -27.1730}, {31.9665, -26.9612}, {31.9953, -26.8172}, {32.0241, -26.8119}, {32.0817, -26.8241}, {32.1141, -26.8397},
    {32.2005, -26.8328}, {32.3517, -26.8623}, {32.4777, -26.8588}, {32.5893, -26.8553}, {32.7765, -26.8501}, {32.8845, -26.8501},
    {32.8485, -27.0810}, {32.7045, -27.4421}, {32.6577, -27.6070}, {32.5353, -28.1990}, {32.3769, -28.4976}, {32.2869, -28.6209},
    {32.0277, -28.8396}, {31.9557, -28.8830}, {31.8909, -28.9125}, {31.7793, -28.9368}, {31.3365, -29.3778}, {31.1709, -29.5913},
    {31.0233, -29.9003}, {30.8793, -30.0704}, {30.6633, -30.4350}, {30.4725, -30.7145}, {30.2889, -30.9697}, {29.9721, -31.3221},
    {29.8317, -31.4245}, {29.7345, -31.4696}, {29.4825, -31.6745}, {29.1261, -32.0026}, {28.8561, -32.2942}, {28.4493, -32.6241},
    {28.2153, -32.7699}, {27.8589, -33.0546}, {27.7617, -33.0963}, {27.3621, -33.3602}, {27.0777, -33.5216}, {26.6133, -33.7074},
    {26.4297, -33.7594}, {25.9905, -33.7108}, {25.8069, -33.7369}, {25.6521, -33.8497}, {25.6377, -34.0112}, {25.5729, -34.0355},
    {25.4757, -34.0285}, {25.1697, -33.9608}, {25.0041, -33.9730}, {24.9068, -34.0598}, {24.8276, -34.1691}, {24.5972, -34.1743},
    {24.1832, -34.0615}, {23.6972, -33.9921}, {23.5856, -33.9851}, {23.3516, -34.0684}, {23.2688, -34.0806}, {22.9268, -34.0632},
    {22.7360, -34.0094}, {22.5524, -34.0094}, {22.4156, -34.0546}, {22.2464, -34.0684}, {21.7892, -34.3722}, {21.5516, -34.3722},
    {21.3500, -34.4087}, {21.2492, -34.4070}, {21.0584, -34.3653}, {20.9900, -34.3670}, {20.8820, -34.3861}, {20.7740, -34.4399},
    {20.5292, -34.4625}, {20.4356, -34.5094}, {20.0216, -34.7854}, {19.9280, -34.7750}, {19.8488, -34.7559}, {19.6364, -34.7542},
    {19.3916, -34.6049}, {19.2980, -34.6153}, {19.3232, -34.5701}, {19.3304, -34.4920}, {19.2800, -34.4365}, {19.2440, -34.4122},
    {19.1504, -34.4174}, {19.1000, -34.3497}, {18.9524, -34.3445}, {18.9020, -34.3601}, {18.8300, -34.3636}, {18.8264, -34.2959},
    {18.8300, -34.2542}, {18.8264, -34.1882}, {18.8084, -34.1084}, {18.7508, -34.0823}, {18.7076, -34.0719}, {18.6068, -34.0771},
    {18.5348, -34.0858}, {18.4988, -34.1101}, {18.4628, -34.1674}, {18.4628, -34.3462}, {18.4088, -34.2959}, {18.3512, -34.1882},
    {18.3332, -34.0736}, {18.3548, -33.9382}, {18.4664, -33.8879}, {18.4556, -33.7959}, {18.4340, -33.7178}, {18.3080, -33.5147},
    {18.2612, -33.4209}, {18.1568, -33.3584}, {18.0740, -33.2074}, {17.9912, -33.1518}, {17.9588, -33.0459}, {17.8796, -32.9609},
    {17.8508, -32.8272}, {17.8940, -32.7508}, {17.9660, -32.7092}, {18.0380, -32.7751}, {18.1244, -32.7491}, {18.2504, -32.6519},
    {18.3260, -32.5043}, {18.3296, -32.2699}, {18.3116, -32.1224}, {18.2108, -31.7422}, {18.1640, -31.6554}, {17.9372, -31.3828},
    {17.6780, -31.0183}, {17.3468, -30.4454}, {17.1884, -30.0999}, {16.9508, -29.4038}, {16.7384, -29.0097}, {16.4792, -28.6417},
    {16.4468, -28.6174}, {16.4864, -28.5723}, {16.6268, -28.4872}, {16.6880, -28.4646}, {16.7240, -28.4750}, {16.7564, -28.4525},
    {16.7888, -28.3952}, {16.7960, -28.3414}, {16.8104, -28.2650}, {16.8428, -28.2181}, {16.8752, -28.1278}, {16.9328, -28.0688},
    {17.0552, -28.0306}, {17.1488, -28.0827}, {17.1884, -28.1330}, {17.2064, -28.1990}, {17.2460, -28.2303}, {17.3108, -28.2285},
    {17.3576, -28.2702}, {17.3864, -28.3535}, {17.3792, -28.4143}, {17.3432, -28.4525}, {17.3468, -28.5011}, {17.3972, -28.5618},
    {17.4152, -28.6209}, {17.4476, -28.6990}, {17.6168, -28.7424}, {17.6996, -28.7684}, {17.8400, -28.7771}, {17.9768, -28.8118},
    {18.1028, -28.8708}, {18.3116, -28.8865}, {18.5996, -28.8552}, {18.8372, -28.8691}, {19.0244, -28.9281}, {19.1612, -28.9386},
    {19.2476, -28.9021}, {19.2836, -28.8483}, {19.2728, -28.7771}, {19.3124, -28.7337}, {19.4060, -28.7146}, {19.4816, -28.6608},
    {19.5392, -28.5740}, {19.6724, -28.5045}, {19.8776, -28.4490}, {19.9820, -28.4507}, {19.9820, -28.3101}, {19.9820, -27.8657},
    {19.9820, -27.4213}, {19.9820, -26.9751}, {19.9820, -26.5307}, {19.9820, -26.0863}, {19.9820, -25.6419}, {19.9820, -25.1975},
    {19.9820, -24.7774}, {20.0288, -24.8069}, {20.3456, -25.0291}, {20.4320, -25.1471}, {20.4716, -25.2218}, {20.6084, -25.4908},
    {20.7092, -25.7339}, {20.7920, -25.9162}, {20.7992, -25.9995}, {20.8100, -26.0811}, {20.8244, -26.1210}, {20.8136, -26.1644},
    {20.7560, -26.2634}, {20.6984, -26.3398}, {20.6264, -26.4439}, {20.6192, -26.5811}, {20.6408, -26.7425}, {20.6840, -26.8224},
    {20.7416, -26.8484}, {20.8712, -26.8085}, {20.9540, -26.8206}, {21.0692, -26.8519}, {21.4544, -26.8328}, {21.5012, -26.8432},
    {21.6452, -26.8536}, {21.6956, -26.8415}, {21.7388, -26.8067}, {21.7892, -26.7095}, {21.8324, -26.6783}, {21.9152, -26.6626},
    {22.0124, -26.6366}, {22.0916, -26.5793}, {22.2176, -26.3884}, {22.4696, -26.2182}, {22.5488, -26.1783}, {22.5992, -26.1332},
    {22.6388, -26.0707}, {22.7288, -25.8571}, {22.7972, -25.6783}, {22.8188, -25.5950}, {22.8800, -25.4579}, {22.9520, -25.3711},
    {23.0204, -25.3242}, {23.0564, -25.3120}, {23.1500, -25.2895}, {23.2652, -25.2669}, {23.3876, -25.2912}, {23.5208, -25.3450},
    {23.6720, -25.4336}, {23.8232, -25.5447}, {23.8952, -25.6002}, {23.9708, -25.6263}, {24.1040, -25.6349}, {24.1940, -25.6332},
    {24.3308, -25.7426}, {24.3992, -25.7495}, {24.5576, -25.7825}, {24.7484, -25.8172}, {24.8708, -25.8137}, {25.0005, -25.7547},
    {25.0941, -25.7512}, {25.2129, -25.7565}, {25.3461, -25.7391}, {25.4433, -25.7148}, {25.5189, -25.6627}, {25.5837, -25.6054},
    {25.6593, -25.4370}, {25.7025, -25.3016}, {25.7709, -25.1471}, {25.8537, -24.9353}, {25.8825, -24.7878}, {25.9113, -24.7478},
    {26.0301, -24.7027}, {26.1309, -24.6715}, {26.3973, -24.6142}, {26.4513, -24.5829}, {26.5017, -24.5135}, {26.6169, -24.3954},
    {26.7609, -24.2965}, {26.8365, -24.2409}, {26.9697, -23.7635}, {26.9877, -23.7045}, {27.0849, -23.5778}, {27.1461, -23.5240},
    {27.1857, -23.5240}, {27.2397, -23.4892}, {27.3117, -23.4250}, {27.3981, -23.3833}, {27.4989, -23.3677}, {27.5637, -23.3243},
    {27.5925, -23.2531}, {27.6429, -23.2184}, {27.7185, -23.2202}, {27.7581, -23.1976}, {27.7689, -23.1490}, {27.8121, -23.1073},
    {27.8913, -23.0743}, {27.9309, -23.0344}, {27.9345, -22.9875}, {28.0281, -22.8730}, {28.2117, -22.6941}, {28.3809, -22.5935},
    {28.5429, -22.5726}, {28.6941, -22.5362}, {28.8381, -22.4806}, {28.9461, -22.3956}, {29.0145, -22.2792}, {29.1297, -22.2133},
    {29.3637, -22.1942},
// Lesotho hole
    {28.7373, -30.1017}, {28.8993, -30.0392}, {28.9749, -29.9992}, {29.0289, -29.9680}, {29.0973, -29.9194}, {29.1225, -29.8013},
    {29.1405, -29.7007}, {29.1945, -29.6520}, {29.2485, -29.6191}, {29.2953, -29.5670}, {29.3493, -29.4420}, {29.3853, -29.3205},
    {29.3925, -29.2701}, {29.3709, -29.2180}, {29.3349, -29.1642}, {29.3025, -29.0896}, {29.2593, -29.0792}, {29.1765, -29.0375},
    {29.0577, -28.9542}, {28.9533, -28.8813}, {28.8561, -28.7754}, {28.8165, -28.7597}, {28.7229, -28.6868}, {28.6797, -28.6469},
    {28.6509, -28.5983}, {28.6257, -28.5809}, {28.5825, -28.5948}, {28.4709, -28.6157}, {28.2333, -28.7007}, {28.0857, -28.7806},
    {27.9597, -28.8726}, {27.8301, -28.9090}, {27.7365, -28.9403}, {27.6609, -29.0462}, {27.5889, -29.1469}, {27.5277, -29.2354},
    {27.4917, -29.2771}, {27.4593, -29.3031}, {27.4233, -29.3604}, {27.3585, -29.4559}, {27.2937, -29.5201}, {27.2073, -29.5548},
    {27.0957, -29.6000}, {27.0561, -29.6260}, {27.0525, -29.6642}, {27.0921, -29.7545}, {27.1317, -29.8395}, {27.1929, -29.9420},
    {27.2397, -30.0149}, {27.3117, -30.1051}, {27.3549, -30.1590}, {27.3513, -30.2475}, {27.3657, -30.2787}, {27.3873, -30.3152},
    {27.4089, -30.3256}, {27.4305, -30.3378}, {27.4917, -30.3638}, {27.5061, -30.3812}, {27.5493, -30.4107}, {27.5889, -30.4662},
    {27.6681, -30.5426}, {27.7545, -30.5999}, {27.9021, -30.6242}, {28.0173, -30.6416}, {28.0569, -30.6312}, {28.0965, -30.5843},
    {28.1289, -30.5253}, {28.1397, -30.4506}, {28.1757, -30.4107}, {28.3161, -30.2180}, {28.3917, -30.1468}, {28.4385, -30.1433},
    {28.4997, -30.1294}, {28.5753, -30.1225}, {28.6329, -30.1294}, {28.6473, -30.1260}, {28.7373, -30.1017},
};
constexpr uint32_t kSouthAfricaRingEnds[] = {355, 432};

// [SECTION] Simple shapes

TEST(Triangulate, Square) {
    Shape s;
    s.ring({{0, 0}, {1, 0}, {1, 1}, {0, 1}});
    check(s.pts, s.ends, {.triangle_count = 2});
}

TEST(Triangulate, EitherWindingSameArea) {
    const std::vector<Vec2d> ccw = {{0, 0}, {4, 0}, {4, 3}, {2, 1}, {0, 3}};
    Shape a, b;
    a.ring(ccw);
    b.ring(reversed(ccw));
    check(a.pts, a.ends, {.triangle_count = 3});
    check(b.pts, b.ends, {.triangle_count = 3});
}

TEST(Triangulate, ConcaveShapes) {
    Shape l_shape;
    l_shape.ring({{0, 0}, {3, 0}, {3, 1}, {1, 1}, {1, 3}, {0, 3}});
    check(l_shape.pts, l_shape.ends, {.triangle_count = 4});

    // Comb: teeth pointing up, every valley a reflex vertex.
    std::vector<Vec2d> comb = {{0, 0}, {10, 0}};
    for (int i = 9; i >= 0; --i) {
        comb.push_back({i + 1.0, 5.0});
        comb.push_back({i + 0.5, 1.0 + 0.1 * i});
    }
    comb.push_back({0, 5});
    Shape c;
    c.ring(comb);
    check(c.pts, c.ends, {.triangle_count = static_cast<long>(comb.size()) - 2});

    // Star with alternating radii.
    std::vector<Vec2d> star;
    for (int i = 0; i < 24; ++i) {
        const double angle = i * std::numbers::pi / 12.0, r = i % 2 ? 1.0 : 3.0;
        star.push_back({r * std::cos(angle), r * std::sin(angle)});
    }
    Shape st;
    st.ring(star);
    check(st.pts, st.ends, {.triangle_count = 22});

    // Square spiral corridor, many nested reflex vertices.
    std::vector<Vec2d> spiral_out, spiral_in;
    for (int k = 0; k < 6; ++k) {
        const double a = 2.0 * k, b = 2.0 * k + 1.0;
        spiral_out.push_back({a, a});
        spiral_in.push_back({b, b});
        spiral_out.push_back({-a - 1, a});
        spiral_in.push_back({-b - 1, b});
        spiral_out.push_back({-a - 1, -a - 1});
        spiral_in.push_back({-b - 1, -b - 1});
        spiral_out.push_back({a + 2, -a - 1});
        spiral_in.push_back({b + 2, -b - 1});
    }
    std::vector<Vec2d> spiral = spiral_out;
    spiral.insert(spiral.end(), spiral_in.rbegin(), spiral_in.rend());
    Shape sp;
    sp.ring(spiral);
    ASSERT_GT(std::fabs(shoelace(sp.pts, 0, sp.ends[0])), 0.0);
    check(sp.pts, sp.ends);
}

// [SECTION] Holes

TEST(Triangulate, SquareWithHoleEitherWinding) {
    const std::vector<Vec2d> outer = {{0, 0}, {10, 0}, {10, 10}, {0, 10}};
    const std::vector<Vec2d> hole = {{3, 3}, {3, 7}, {7, 7}, {7, 3}};
    for (int variant = 0; variant < 4; ++variant) {
        Shape s;
        s.ring(variant & 1 ? reversed(outer) : outer);
        s.ring(variant & 2 ? reversed(hole) : hole);
        check(s.pts, s.ends, {.triangle_count = 8 - 2 + 2});
    }
}

TEST(Triangulate, TwoHoles) {
    Shape s;
    s.ring({{0, 0}, {20, 0}, {20, 10}, {0, 10}});
    s.ring({{2, 2}, {8, 2}, {8, 8}, {2, 8}});
    s.ring({{12, 3}, {17, 2}, {18, 8}, {13, 7}, {14, 5}});
    check(s.pts, s.ends, {.triangle_count = 13 - 2 + 2 * 2});
}

TEST(Triangulate, HoleBehindHoleAlongTheBridgeRay) {
    // The right hole's leftward ray runs straight into the left hole.
    Shape s;
    s.ring({{0, 0}, {30, 0}, {30, 10}, {0, 10}});
    s.ring({{5, 4}, {5, 6}, {10, 6}, {10, 4}});
    s.ring({{20, 3}, {20, 7}, {25, 7}, {25, 3}});
    check(s.pts, s.ends, {.triangle_count = 12 - 2 + 2 * 2});
}

TEST(Triangulate, HoleTouchingOuter) {
    Shape s;
    s.ring({{0, 0}, {10, 0}, {10, 10}, {0, 10}});
    s.ring({{0, 5}, {4, 7}, {5, 3}});  // touches the left edge mid-way, where outer has no vertex
    check(s.pts, s.ends);

    Shape v;
    v.ring({{0, 0}, {10, 0}, {10, 10}, {0, 10}});
    v.ring({{10, 10}, {6, 5}, {5, 8}});  // touches the outer ring's corner
    check(v.pts, v.ends);
}

TEST(Triangulate, HolesTouchingEachOther) {
    Shape s;
    s.ring({{0, 0}, {10, 0}, {10, 10}, {0, 10}});
    s.ring({{2, 2}, {5, 5}, {2, 8}});
    s.ring({{5, 5}, {8, 2}, {8, 8}});  // shares (5, 5) with the first hole
    check(s.pts, s.ends);
}

TEST(Triangulate, HoleSharingAnEdgeWithOuter) {
    // A notch given as a hole flush with the outer boundary along x = 10.
    Shape s;
    s.ring({{0, 0}, {10, 0}, {10, 10}, {0, 10}});
    s.ring({{10, 3}, {7, 3}, {7, 6}, {10, 6}});
    check(s.pts, s.ends);
}

// [SECTION] Degenerate input

TEST(Triangulate, CollinearRuns) {
    Shape s;
    s.ring({{0, 0}, {1, 0}, {2, 0}, {3, 0}, {3, 1}, {3, 2}, {3, 3}, {2, 3}, {1, 3}, {0, 3}, {0, 2}, {0, 1}});
    const size_t count = check(s.pts, s.ends);
    EXPECT_GE(count, 2u);
    EXPECT_LE(count, 10u);

    // A zero-width spike along an edge, as Sutherland–Hodgman leaves at a clip border.
    Shape spike;
    spike.ring({{0, 0}, {5, 0}, {5, 2}, {5, 1}, {5, 4}, {0, 4}});
    check(spike.pts, spike.ends);
}

TEST(Triangulate, DuplicateVertices) {
    Shape s;
    s.ring({{0, 0}, {0, 0}, {4, 0}, {4, 0}, {4, 0}, {4, 4}, {2, 2}, {2, 2}, {0, 4}, {0, 0}});
    check(s.pts, s.ends, {.triangle_count = 3});
}

TEST(Triangulate, PinchedRing) {
    // Figure-eight-like ring touching itself at (5, 5): two squares joined at a corner.
    Shape s;
    s.ring({{0, 0}, {5, 0}, {5, 5}, {10, 5}, {10, 10}, {5, 10}, {5, 5}, {0, 5}});
    check(s.pts, s.ends, {.triangle_count = 4});
}

TEST(Triangulate, NothingToFill) {
    Shape line, two, flat;
    line.ring({{0, 0}, {1, 1}, {2, 2}});
    two.ring({{0, 0}, {1, 1}});
    EXPECT_TRUE(triangulate_polygon(line.pts, line.ends).empty());
    EXPECT_TRUE(triangulate_polygon(two.pts, two.ends).empty());
    EXPECT_TRUE(triangulate_polygon(flat.pts, flat.ends).empty());
    const std::vector<Vec2d> pts = {{0, 0}, {1, 0}, {0, 1}};
    const std::vector<uint32_t> past_end = {4}, decreasing = {3, 2};
    EXPECT_TRUE(triangulate_polygon(pts, past_end).empty());
    EXPECT_TRUE(triangulate_polygon(pts, decreasing).empty());
    const std::vector<Vec2d> nan_pts = {{0, 0}, {1, 0}, {0, NAN}};
    const std::vector<uint32_t> one = {3};
    EXPECT_TRUE(triangulate_polygon(nan_pts, one).empty());
}

// [SECTION] Real and large rings

TEST(Triangulate, RealCountryRings) {
    Shape iraq;
    iraq.ring(std::vector<Vec2d>(std::begin(kIraq), std::end(kIraq)));
    // The ring repeats its first point at the end: n - 1 distinct vertices.
    check(iraq.pts, iraq.ends, {.triangle_count = static_cast<long>(std::size(kIraq)) - 1 - 2});

    Shape south_africa;
    south_africa.pts.assign(std::begin(kSouthAfrica), std::end(kSouthAfrica));
    south_africa.ends.assign(std::begin(kSouthAfricaRingEnds), std::end(kSouthAfricaRingEnds));
    check(south_africa.pts, south_africa.ends, {.triangle_count = static_cast<long>(std::size(kSouthAfrica)) - 2 - 2 + 2});
}

// Star-shaped ring of n vertices with random radii: simple by construction.
std::vector<Vec2d> random_star(std::mt19937& rng, int n, Vec2d centre, double r_min, double r_max) {
    std::uniform_real_distribution<double> radius(r_min, r_max);
    std::vector<Vec2d> ring;
    for (int i = 0; i < n; ++i) {
        const double angle = 2.0 * std::numbers::pi * i / n;
        const double r = radius(rng);
        ring.push_back({centre.x + r * std::cos(angle), centre.y + r * std::sin(angle)});
    }
    return ring;
}

TEST(Triangulate, RandomStarsWithHoles) {
    std::mt19937 rng(20151113);
    for (int trial = 0; trial < 200; ++trial) {
        Shape s;
        s.ring(random_star(rng, 8 + trial % 60, {0, 0}, 50.0, 100.0));
        // Holes on a grid of disjoint cells well inside the inner radius.
        const int holes = trial % 5;
        long n = static_cast<long>(s.pts.size());
        for (int h = 0; h < holes; ++h) {
            const Vec2d centre = {-24.0 + 16.0 * h, (h % 2) ? 10.0 : -10.0};
            std::vector<Vec2d> hole = random_star(rng, 5 + h, centre, 3.0, 7.0);
            s.ring(trial % 2 ? reversed(hole) : hole);
            n += static_cast<long>(hole.size());
        }
        SCOPED_TRACE(trial);
        check(s.pts, s.ends, {.triangle_count = n - 2 + 2 * holes});
        if (HasFailure()) return;
    }
}

TEST(Triangulate, TenThousandVerticesInMilliseconds) {
    std::mt19937 rng(7);
    Shape s;
    // Jagged like a coastline (radius within 10%); with radii spread 50..100 every other
    // vertex is a deep spike and ears get long and thin: ~6x slower, still linear-ish.
    s.ring(random_star(rng, 10000, {0, 0}, 90.0, 100.0));
    s.ring(random_star(rng, 2000, {0, 0}, 20.0, 40.0));
    const auto start = std::chrono::steady_clock::now();
    const std::vector<uint32_t> tris = triangulate_polygon(s.pts, s.ends);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    std::printf("[          ] 12000-vertex ring with a hole: %.2f ms\n", ms);
    EXPECT_EQ(tris.size() / 3, 12000u - 2 + 2);
    check(s.pts, s.ends, {.triangle_count = 12000 - 2 + 2});
}

// Every polygon of the whole Natural Earth 1:50m world, decoded from TopoJSON here
// (independently of tools/bake-map.mjs), unclipped and in lon/lat.
TEST(Triangulate, EveryCountryOfTheWorld) {
    const std::filesystem::path file =
        std::filesystem::path(EXPLAINER_SOURCE_DIR) / "node_modules/world-atlas/countries-50m.json";
    if (!std::filesystem::exists(file)) GTEST_SKIP() << "world-atlas not installed (npm ci)";
    std::ifstream in(file);
    const nlohmann::json topology = nlohmann::json::parse(in);
    const double sx = topology["transform"]["scale"][0], sy = topology["transform"]["scale"][1];
    const double tx = topology["transform"]["translate"][0], ty = topology["transform"]["translate"][1];
    std::vector<std::vector<Vec2d>> arcs;
    for (const auto& arc : topology["arcs"]) {
        long x = 0, y = 0;
        std::vector<Vec2d>& out = arcs.emplace_back();
        for (const auto& d : arc) {
            x += d[0].get<long>();
            y += d[1].get<long>();
            out.push_back({tx + x * sx, ty + y * sy});
        }
    }
    size_t polygons = 0, triangles = 0, skipped = 0;
    double total_ms = 0.0;
    for (const auto& geometry : topology["objects"]["countries"]["geometries"]) {
        const bool multi = geometry["type"] == "MultiPolygon";
        for (const auto& polygon : multi ? geometry["arcs"] : nlohmann::json::array({geometry["arcs"]})) {
            Shape s;
            for (const auto& ring_arcs : polygon) {
                std::vector<Vec2d> ring;
                for (const auto& index_json : ring_arcs) {
                    const int index = index_json.get<int>();
                    std::vector<Vec2d> arc = arcs[static_cast<size_t>(index >= 0 ? index : ~index)];
                    if (index < 0) arc = reversed(arc);
                    ring.insert(ring.end(), arc.begin() + (ring.empty() ? 0 : 1), arc.end());
                }
                s.ring(ring);
            }
            // Rings that jump across the antimeridian (Russia's mainland, Fiji) are
            // spherical polygons that self-intersect in the lon/lat plane: not input a
            // planar triangulator can be held to.
            bool wraps = false;
            for (size_t i = 1; i < s.pts.size(); ++i) wraps |= std::fabs(s.pts[i].x - s.pts[i - 1].x) > 180.0;
            if (wraps) {
                ++skipped;
                continue;
            }
            SCOPED_TRACE(geometry["properties"]["name"].get<std::string>());
            const auto start = std::chrono::steady_clock::now();
            triangulate_polygon(s.pts, s.ends);
            total_ms += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
            triangles += check(s.pts, s.ends, {.area_tolerance = 1e-9});
            ++polygons;
            if (HasFailure()) return;
        }
    }
    std::printf("[          ] world: %zu polygons (%zu wrapping skipped), %zu triangles, %.1f ms\n", polygons,
                skipped, triangles, total_ms);
    EXPECT_GT(polygons, 1000u);
    EXPECT_LT(skipped, 10u);
}

} // namespace
} // namespace explainer
