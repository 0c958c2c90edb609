// Numbers as the explainer writes them for readers.
#pragma once
#include <string>

namespace explainer {

// Rounded to a whole number, with thousands separated by commas: 3472.6 -> "3,473".
std::string thousands(double value);

} // namespace explainer
