// links: migsim_io
// Terms of an accounting identity that select a label of a dimension, "dataset[dim=label]": how they
// are read, and what the schema refuses (output_schemas/README.md). A file whose data break such an
// identity is rejected by `migsim validate` (tests/definitions/test_definitions.cpp, on the
// population balance of each definition).
#include <gtest/gtest.h>

#include "io/identity_term.hpp"
#include "io/output_error.hpp"
#include "io/output_schema.hpp"
#include "support/tiny_output.hpp"

namespace migsim {
namespace {

using namespace migsim::testing;

TEST(IdentityTerms, ADatasetOrADatasetAtLabelsOfItsDims) {
    const auto plain = parse_identity_term("/truth/population");
    ASSERT_TRUE(plain);
    EXPECT_EQ(plain->dataset, "/truth/population");
    EXPECT_TRUE(plain->selection.empty());

    const auto one = parse_identity_term("/truth/migration/balance/persons[component=births]");
    ASSERT_TRUE(one);
    EXPECT_EQ(one->dataset, "/truth/migration/balance/persons");
    EXPECT_EQ(one->selection, (std::vector<std::pair<std::string, std::string>>{{"component", "births"}}));

    const auto two = parse_identity_term("/b/persons[definition=present, component = deaths]");
    ASSERT_TRUE(two);
    EXPECT_EQ(two->selection, (std::vector<std::pair<std::string, std::string>>{{"definition", "present"},
                                                                                {"component", "deaths"}}));

    for (const char* malformed :
         {"/b/persons[component]", "/b/persons[component=births", "/b/persons[=births]",
          "/b/persons[component=]", "/b/persons[c=a, c=b]", "/b/persons[c=a][d=b]"})
        EXPECT_FALSE(parse_identity_term(malformed)) << malformed;
}

const std::string balance_group =
    "schema_version = \"1.0\"\n"
    "[[groups]]\npath = \"/b\"\ndescription = \"d\"\n"
    "[[groups.dimensions]]\nname = \"year\"\nkind = \"int\"\nunits = \"u\"\n"
    "description = \"d\"\n"
    "[[groups.dimensions]]\nname = \"component\"\nkind = \"string\"\nunits = \"u\"\n"
    "description = \"d\"\nlabels = [\"start\", \"in\", \"end\"]\n"
    "[[groups.datasets]]\nname = \"persons\"\ndims = [\"year\", \"component\"]\n"
    "dtype = \"int32\"\nunits = \"persons\"\ndescription = \"d\"\n";

std::string identity(const std::string& result, const std::string& plus, const std::string& over) {
    return "[[identities]]\nname = \"balance\"\ndescription = \"d\"\nkind = \"sum\"\nresult = \"" + result +
           "\"\nplus = [" + plus + "]\nover = [" + over + "]\n";
}

TEST(IdentityTerms, SelectDeclaredLabelsOfDimsOutsideOver) {
    const OutputSchema schema = parse_output_schema(
        balance_group + identity("/b/persons[component=end]",
                                 R"("/b/persons[component=start]", "/b/persons[component=in]")", R"("year")"),
        "good.toml");
    ASSERT_EQ(schema.identities.size(), 1u);
    EXPECT_EQ(schema.identities[0].result, "/b/persons[component=end]");

    const auto refused = [&](const std::string& text) -> std::vector<std::string> {
        try {
            parse_output_schema(balance_group + text, "bad.toml");
        } catch (const OutputError& error) {
            return error.problems();
        }
        return {};
    };
    EXPECT_TRUE(mentions(
        refused(identity("/b/persons[component=finish]", R"("/b/persons[component=start]")", R"("year")")),
        "'finish' is not a label of 'component'"));
    EXPECT_TRUE(
        mentions(refused(identity("/b/persons[sex=female]", R"("/b/persons[component=start]")", R"("year")")),
                 "selects a label of 'sex', not a dimension of it"));
    EXPECT_TRUE(
        mentions(refused(identity("/b/persons[component=end]", R"("/b/persons[year=2014]")", R"("year")")),
                 "selects a label of 'year', one of 'over'"));
    EXPECT_TRUE(mentions(refused(identity("/b/persons[component=end", R"("/b/persons")", R"("year")")),
                         "is not a dataset or dataset[dim=label, ...]"));
    EXPECT_TRUE(mentions(refused(identity("/b/people[component=end]", R"("/b/persons")", R"("year")")),
                         "dataset '/b/people' is not declared"));
}

} // namespace
} // namespace migsim
