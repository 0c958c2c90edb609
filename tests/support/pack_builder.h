// Small packs built in code for unit tests and fuzzers, without load_pack(): only the
// fields the code under test reads, with Pack::entity_index kept in step.
#pragma once
#include <string>

#include "core/pack.h"

namespace explainer::test_support {

// Appends an entity (its name defaults to its id) and returns it for further set-up;
// the reference is valid until the next entity is added.
inline Entity& add_entity(Pack& pack, const std::string& id, EntityKind kind, const std::string& name = {}) {
    Entity entity;
    entity.id = id;
    entity.kind = kind;
    entity.name = name.empty() ? id : name;
    pack.entity_index[id] = pack.entities.size();
    pack.entities.push_back(std::move(entity));
    return pack.entities.back();
}

inline Paragraph& add_paragraph(Pack& pack, const std::string& id, const std::string& text = {}) {
    Paragraph paragraph;
    paragraph.id = id;
    paragraph.text = text;
    pack.article.paragraphs.push_back(std::move(paragraph));
    return pack.article.paragraphs.back();
}

} // namespace explainer::test_support
