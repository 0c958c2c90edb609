// libFuzzer target for parse_basemap and basemap_country_names: any bytes must give a
// map (and the same names read alone) or a clean error. What parses is then hit-tested
// and triangulated, which puts hostile polygons (self crossing, repeated, collinear,
// holes outside their ring) through the triangulator.
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/basemap.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace explainer;
    std::string error;
    const std::optional<Basemap> map = parse_basemap(data, size, &error);
    std::string names_error;
    const std::optional<std::vector<std::string>> names = basemap_country_names(data, size, &names_error);
    assert((names || !names_error.empty()) && "a rejection always says why");
    if (!map) {
        assert(!error.empty() && "a rejection always says why");
        return 0;
    }
    if (!names || names->size() != map->countries.size()) __builtin_trap();  // what parses has its names read alone
    for (size_t i = 0; i < names->size(); ++i)
        if ((*names)[i] != map->countries[i].name) __builtin_trap();
    const BasemapMeshes meshes = build_basemap_meshes(*map);
    assert(meshes.countries.size() == map->countries.size() && "one mesh per country");
    for (const Mesh& mesh : meshes.countries) {
        assert(mesh.indices.size() % 3 == 0 && "whole triangles");
        for (const uint32_t index : mesh.indices) {
            if (index >= mesh.vertices.size()) __builtin_trap();  // also in release builds
        }
    }
    for (const Country& country : map->countries) {
        const std::optional<size_t> hit = country_at(*map, country.label);
        if (hit && *hit >= map->countries.size()) __builtin_trap();
    }
    return 0;
}
