#include "jixiao/normalize/report_builder.h"

#include <re2/re2.h>

#include <algorithm>
#include <deque>
#include <map>

#include "jixiao/normalize/grade_bands.h"
#include "report_text.h"
#include "table_rows.h"
#include "vocabulary.h"
#include "jixiao/text/quantity.h"
#include "score_table.h"
#include "statements.h"
#include "jixiao/text/text.h"
#include "jixiao/text/text_normalizer.h"

namespace jixiao::normalize {

using model::BudgetFigure;
using model::BudgetLine;
using model::GradeBand;
using model::GradeStatement;
using model::Indicator;
using model::IndicatorCountStatement;
using model::Observation;
using model::Report;
using model::SourceKind;
using model::StatedQuantity;
using model::UnmatchedIndicator;
using text::Cell;
using text::Decimal;
using text::NormalizedText;
using text::Qualifier;
using text::Quantity;
using text::name_key;
using text::name_similarity;
using text::normalize_line;
using text::scan_quantities;
using text::trim;
using text::utf8_length;
namespace {

using extract::Document;

// Level-1 names of the common frameworks, used to read statements when a
// report has no score table to learn its own names from.
const std::vector<std::string> kFrameworkLevel1 = {"投入", "决策", "过程", "产出", "效益", "效果"};

// Similarity (per mille) from which a differently printed name is taken for a
// sibling in the same section, and for any indicator of the same level.
constexpr int kSiblingSimilarity = 600;
constexpr int kGlobalSimilarity = 750;

// The longest line a wrapped PDF table cell leaves on its own ("序", "号", "%", "100.00").
constexpr std::size_t kMaxTableFragmentChars = 8;

// Names of organisations and titles keep the full-width brackets Chinese text
// prints ("（普通合伙）") even though NFKC folded them for the parsers.
std::string cjk_brackets(std::string s) {
  for (auto [ascii, wide] : {std::pair<std::string_view, std::string_view>{"(", "（"}, {")", "）"}}) {
    for (std::size_t at = s.find(ascii); at != std::string::npos; at = s.find(ascii, at + wide.size()))
      s.replace(at, ascii.size(), wide);
  }
  return s;
}

// The normalized offset that original offset `original` of a line maps to.
std::size_t normalized_offset(const NormalizedText& n, std::size_t original) {
  const auto it = std::lower_bound(n.to_original.begin(), n.to_original.end(), original);
  return static_cast<std::size_t>(it - n.to_original.begin());
}

// The Document's tables over its normalized lines: each cell's text and places
// as the parsers see them.
std::vector<extract::Table> normalized_tables(const std::vector<extract::Table>& tables,
                                              const std::vector<NormalizedText>& lines) {
  std::vector<extract::Table> out = tables;
  for (extract::Table& t : out)
    for (extract::TableCell& c : t.cells) {
      for (std::string& l : c.lines) l = normalize_line(l).text;
      for (extract::CellPlace& p : c.places) {
        if (p.line >= lines.size()) continue;
        p.begin = normalized_offset(lines[p.line], p.begin);
        p.end = normalized_offset(lines[p.line], p.end);
      }
    }
  return out;
}

class Builder {
 public:
  // Parsers read the normalized text (NFKC, radicals folded, stray spaces
  // removed); every span is mapped back to the original document.
  explicit Builder(const Document& doc) : doc_(doc) {
    std::string joined;
    normalized_.reserve(doc.lines.size());
    for (std::size_t i = 0; i < doc.lines.size(); ++i) {
      normalized_.push_back(normalize_line(doc.line_text(i)));
      if (i > 0) joined.push_back('\n');
      joined += normalized_.back().text;
    }
    norm_ = extract::make_text_document(doc.path, doc.format, doc.encoding, doc.sha256, joined);
    norm_.tables = normalized_tables(doc.tables, normalized_);
    for (std::size_t i = 0; i < doc.lines.size() && i < norm_.lines.size(); ++i) {
      norm_.lines[i].furniture = doc.lines[i].furniture;
      norm_.lines[i].reading = doc.lines[i].reading;
    }
  }

  Report build() {
    read_metadata();
    read_quantities();
    const std::vector<ScoreTable> tables = find_score_tables(norm_);
    has_results_table_ = std::any_of(tables.begin(), tables.end(), [](const ScoreTable& t) {
      return t.role == ScoreTable::Role::kResults;
    });
    // Results tables define the tree; summary tables add what they alone state; the annex only restates.
    for (ScoreTable::Role role : {ScoreTable::Role::kResults, ScoreTable::Role::kSummary})
      for (std::size_t t = 0; t < tables.size(); ++t)
        if (tables[t].role == role) read_score_table(tables[t], static_cast<int>(t));
    for (std::size_t t = 0; t < tables.size(); ++t)
      if (tables[t].role == ScoreTable::Role::kAnnex) read_annex_table(tables[t], static_cast<int>(t));
    read_statements();
    read_budget_sentences();
    read_budget_tables();
    read_related_figures();
    settle_canonical_values();
    return std::move(report_);
  }

 private:
  // ---- tree ----------------------------------------------------------------

  int find(int level, std::string_view name, int parent, bool any_parent) const {
    const std::string key = name_key(name);
    for (int i = 0; i < static_cast<int>(report_.indicators.size()); ++i) {
      const Indicator& ind = report_.indicators[i];
      if (ind.level == level && (any_parent || ind.parent == parent) && name_key(ind.name) == key) return i;
    }
    return -1;
  }

  int find_or_add(int level, std::string_view name, int parent) {
    int i = find(level, name, parent, false);
    if (i >= 0) return i;
    Indicator ind;
    ind.level = level;
    ind.name = std::string(name);
    ind.parent = parent;
    report_.indicators.push_back(std::move(ind));
    has_max_.push_back(false);
    return static_cast<int>(report_.indicators.size()) - 1;
  }

  bool is_descendant(int index, int ancestor) const {
    while (index >= 0) {
      if (index == ancestor) return true;
      index = report_.indicators[index].parent;
    }
    return false;
  }

  std::vector<std::string> level1_names() const {
    std::vector<std::string> names;
    for (const Indicator& ind : report_.indicators)
      if (ind.level == 1) names.push_back(ind.name);
    if (names.empty()) names = kFrameworkLevel1;
    // Longest first so that alternations prefer "效益" over a shorter prefix.
    std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    return names;
  }

  // Best match by similarity among `candidates`, at least `threshold`.
  int best_similar(std::string_view name, const std::vector<int>& candidates, int threshold) const {
    int best = -1, best_score = threshold - 1;
    for (int c : candidates) {
      const int s = name_similarity(name, report_.indicators[c].name);
      if (s > best_score) {
        best = c;
        best_score = s;
      }
    }
    return best;
  }

  std::vector<int> of_level(int level, int ancestor) const {
    std::vector<int> out;
    for (int i = 0; i < static_cast<int>(report_.indicators.size()); ++i)
      if (report_.indicators[i].level == level && (ancestor < 0 || is_descendant(i, ancestor))) out.push_back(i);
    return out;
  }

  void observe(int index, Observation obs) {
    Indicator& target = index < 0 ? report_.total : report_.indicators[index];
    if (obs.max && index >= 0) has_max_.at(static_cast<std::size_t>(index)) = true;
    target.observations.push_back(std::move(obs));
  }

  // The original text of bytes [begin, end) of normalized line `line`.
  extract::SourceSpan span(std::size_t line, std::size_t begin, std::size_t end) const {
    if (line >= normalized_.size()) return doc_.span(line, begin, end);
    const auto [b, e] = normalized_[line].original_range(begin, end);
    return doc_.span(line, b, e);
  }

  Observation make_observation(SourceKind kind, std::string name, std::size_t line, std::size_t begin,
                               std::size_t end, int table) const {
    Observation o;
    o.kind = kind;
    o.name = std::move(name);
    o.span = span(line, begin, end);
    o.table = table;
    return o;
  }

  // ---- metadata --------------------------------------------------------------

  void read_metadata() {
    std::string title;
    bool title_done = false;
    const std::size_t limit = std::min<std::size_t>(norm_.lines.size(), 60);
    for (std::size_t i = 0; i < limit; ++i) {
      const std::string_view line = trim(norm_.line_text(i));
      if (line.empty()) continue;
      if (auto field = parse_metadata_line(line)) {
        title_done = true;
        std::string& slot = field->field == "unit"           ? report_.unit
                            : field->field == "commissioner" ? report_.commissioner
                                                             : report_.evaluator;
        if (slot.empty()) slot = cjk_brackets(field->value);
        continue;
      }
      if (title_done || line.find("目录") != std::string_view::npos ||
          name_key(line) == "摘要" || name_key(line) == "目录")
        title_done = true;
      if (!title_done) {
        title += std::string(line);
        if (line.find("报告") != std::string_view::npos) title_done = true;
      }
    }
    report_.title = cjk_brackets(title);  // lines are normalized: no stray spaces left
    static const RE2 kYear(R"(((?:19|20)[0-9]{2})\s*年)");
    std::string year;
    re2::StringPiece in(report_.title);
    re2::StringPiece whole;
    static const RE2 kYearWhole(R"((((?:19|20)[0-9]{2})\s*年))");
    if (RE2::PartialMatch(in, kYearWhole, &whole, &year)) {
      report_.year = std::stoi(year);
      if (report_.unit.empty()) {
        const std::size_t at = static_cast<std::size_t>(whole.data() - report_.title.data());
        std::string unit = report_.title.substr(0, at);
        // A project report's title starts with a place, not a unit; keep it only when it names an organ.
        if (!unit.empty()) report_.unit = unit;
      }
    }
    (void)kYear;
  }

  // ---- amounts and counts --------------------------------------------------------

  void read_quantities() {
    line_quantities_.resize(norm_.lines.size());
    for (std::size_t i = 0; i < norm_.lines.size(); ++i) {
      line_quantities_[i] = scan_quantities(norm_.line_text(i));
      for (Quantity q : line_quantities_[i]) {
        StatedQuantity sq{std::move(q), {}};
        sq.span = span(i, sq.quantity.begin, sq.quantity.end);
        (sq.quantity.kind == Quantity::Kind::kMoney ? report_.amounts : report_.counts).push_back(std::move(sq));
      }
    }
  }

  // ---- figures related to each other (internal/ readers) ----------------------------

  void read_related_figures() {
    const internal::ReportText text{norm_, line_quantities_,
                                    [this](std::size_t line, std::size_t b, std::size_t e) { return span(line, b, e); }};
    report_.breakdowns = internal::read_breakdowns(text);
    report_.changes = internal::read_changes(text);
    for (BudgetLine& bl : internal::read_rates_against_remote_budget(text)) report_.budget_lines.push_back(std::move(bl));
    report_.per_unit = internal::read_per_unit(text);
    report_.repeated = internal::find_repeated_figures(text, report_);
  }

  // ---- budget lines ----------------------------------------------------------------

  // "预算数 88 万元，执行数 88 万元，执行率 100%": the rate, the nearest execution
  // figure before it in the sentence, and the nearest budget figure before that.
  void read_budget_sentences() {
    static const RE2 kRate(R"(((?:预算执行率|预算完成率|执行率|完成率)\s*(?:为|达到|达|是)?\s*)([0-9]+(?:\.[0-9]+)?)%)");
    using vocabulary::kExecutedWords;
    auto has_any = [](std::string_view label, auto const& words) { return vocabulary::contains_any(label, words); };
    for (std::size_t i = 0; i < norm_.lines.size(); ++i) {
      const std::string_view line = norm_.line_text(i);
      re2::StringPiece input(line.data(), line.size());
      re2::StringPiece whole, value;
      while (RE2::FindAndConsume(&input, kRate, &whole, &value)) {
        const std::size_t at = static_cast<std::size_t>(whole.data() - line.data());
        std::size_t sentence = line.substr(0, at).rfind("。");
        sentence = sentence == std::string_view::npos ? 0 : sentence;
        const Quantity* executed = nullptr;
        const Quantity* budget = nullptr;
        for (const Quantity& q : line_quantities_[i]) {
          if (q.kind != Quantity::Kind::kMoney || q.begin < sentence || q.end > at) continue;
          if (has_any(q.label, kExecutedWords)) {
            executed = &q;
            budget = nullptr;
          } else if (q.label.find("预算") != std::string::npos && !executed) {
            budget = &q;
          }
        }
        // The budget must come before the execution figure.
        if (executed) {
          budget = nullptr;
          for (const Quantity& q : line_quantities_[i])
            if (q.kind == Quantity::Kind::kMoney && q.begin >= sentence && q.end <= executed->begin &&
                q.label.find("预算") != std::string::npos && !has_any(q.label, kExecutedWords))
              budget = &q;
        }
        if (!executed || !budget || budget->value.is_zero()) continue;
        auto rate = Decimal::parse(std::string_view(value.data(), value.size()));
        if (!rate) continue;
        BudgetLine bl;
        bl.label = budget->label;
        bl.budget = BudgetFigure{budget->value, budget->exponent, span(i, budget->begin, budget->end), budget->label,
                                 budget->qualifier};
        bl.executed = BudgetFigure{executed->value, executed->exponent, span(i, executed->begin, executed->end),
                                   executed->label, executed->qualifier};
        bl.rate = *rate;
        bl.rate_span = span(i, at, at + whole.size());
        report_.budget_lines.push_back(std::move(bl));
      }
    }
  }

  // A table with 预算数 / 执行数 / 执行率 columns: one budget line a row.
  void read_budget_tables() {
    const std::vector<std::pair<int, int>> by_line = table_rows_by_line(norm_);
    std::deque<std::string> storage;
    for (std::size_t i = 0; i < norm_.lines.size(); ++i) {
      const std::vector<Cell> header = line_cells(norm_, by_line, i, storage);
      int budget_col = -1, executed_col = -1, rate_col = -1;
      int exponent = 0;
      for (int c = 0; c < static_cast<int>(header.size()); ++c) {
        const std::string_view h = header[c].text;
        if (vocabulary::contains_any(h, vocabulary::kBudgetColumnWords) && budget_col < 0) budget_col = c;
        else if (vocabulary::contains_any(h, vocabulary::kExecutedColumnWords) && executed_col < 0)
          executed_col = c;
        else if (vocabulary::contains_any(h, vocabulary::kRateColumnWords))
          rate_col = c;
        if (h.find(vocabulary::kTenThousandYuan) != std::string_view::npos) exponent = 4;
      }
      if (budget_col < 0 || executed_col < 0 || rate_col < 0) continue;
      const auto [t, r] = by_line[i];
      Rows rows(norm_, t >= 0 ? &norm_.tables[static_cast<std::size_t>(t)] : nullptr, r, i);
      while (std::optional<SourceRow> source = rows.next()) {
        const std::size_t j = source->line;
        if (source->blank) continue;
        const std::vector<Cell>& cells = source->cells;
        if (cells.size() < 3) {
          // A PDF table wraps header cells and figures onto lines of their own
          // ("序" / "号", "100.00" / "%"): short fragments do not end the table;
          // a line of running text does.
          if (cells.size() == 1 && utf8_length(cells[0].text) > kMaxTableFragmentChars) break;
          if (cells.empty()) break;
          continue;
        }
        // Figures by order: the first two plain numbers, then the percentage.
        std::vector<std::pair<Decimal, const Cell*>> numbers;
        std::optional<std::pair<Decimal, const Cell*>> percent;
        std::string label;
        for (const Cell& c : cells) {
          std::string_view t = c.text;
          if (t.ends_with("%")) {
            if (auto d = Decimal::parse(t.substr(0, t.size() - 1))) percent = std::make_pair(*d, &c);
          } else if (auto d = Decimal::parse(t)) {
            if (label.empty() && numbers.empty() && d->scale() == 0 && t.size() <= 2) continue;  // 序号
            numbers.emplace_back(*d, &c);
          } else if (label.empty()) {
            label = std::string(t);
          }
        }
        if (numbers.size() < 2 || !percent || numbers[0].first.is_zero()) continue;
        BudgetLine bl;
        bl.label = label;
        bl.budget = BudgetFigure{numbers[0].first, exponent, span(j, numbers[0].second->begin, numbers[0].second->end),
                                 label + "（预算数）", Qualifier::kExact};
        bl.executed = BudgetFigure{numbers[1].first, exponent,
                                   span(j, numbers[1].second->begin, numbers[1].second->end), label + "（执行数）",
                                   Qualifier::kExact};
        bl.rate = percent->first;
        bl.rate_span = span(j, percent->second->begin, percent->second->end);
        bl.from_table = true;
        report_.budget_lines.push_back(std::move(bl));
      }
    }
  }

  // ---- tables ----------------------------------------------------------------

  void read_score_table(const ScoreTable& table, int t) {
    const SourceKind kind =
        table.role == ScoreTable::Role::kResults ? SourceKind::kResultsTable : SourceKind::kSummaryTable;
    std::array<int, 3> cur = {-1, -1, -1};
    for (const ScoreRow& row : table.rows) {
      if (row.kind == ScoreRow::Kind::kTotal) {
        Observation o = make_observation(SourceKind::kSubtotalRow, row.label, row.line, row.begin, row.end, t);
        o.max = row.max;
        o.score = row.score;
        o.rate = row.rate;
        observe(-1, std::move(o));
        continue;
      }
      if (row.kind == ScoreRow::Kind::kSubtotal) {
        int l1 = row.label_level1.empty() ? cur[0] : find(1, row.label_level1, -1, false);
        if (l1 < 0) l1 = cur[0];
        if (l1 < 0) continue;
        Observation o = make_observation(SourceKind::kSubtotalRow, row.label, row.line, row.begin, row.end, t);
        o.max = row.max;
        o.score = row.score;
        o.rate = row.rate;
        observe(l1, std::move(o));
        continue;
      }
      int deepest = 0;
      for (int level = 1; level <= 3; ++level) {
        const auto& cell = row.names[level - 1];
        if (!cell) continue;
        if (cell->continuation) {
          // "(12分)" on the next line of a wrapped cell: the max of the cell above.
          // Alone on its row it may sit in any name column: it belongs to the
          // deepest open cell that has no max yet.
          int target = cur[level - 1];
          for (int l = level; l >= 1 && target >= 0 && has_max_[static_cast<std::size_t>(target)]; --l)
            target = l > 1 ? cur[l - 2] : -1;
          if (target < 0) target = cur[level - 1];
          if (target >= 0 && cell->max) {
            Observation o =
                make_observation(kind, report_.indicators[target].name, row.line, cell->begin, cell->end, t);
            o.max = cell->max;
            observe(target, std::move(o));
          }
          continue;
        }
        const int parent = level == 1 ? -1 : cur[level - 2];
        if (level > 1 && parent < 0) break;
        const int index = find_or_add(level, cell->name, parent);
        cur[level - 1] = index;
        for (int deeper = level; deeper < 3; ++deeper) cur[deeper] = -1;
        deepest = level;
        if (cell->max) {
          Observation o = make_observation(kind, cell->name, row.line, cell->begin, cell->end, t);
          o.max = cell->max;
          observe(index, std::move(o));
        }
      }
      if (deepest == 0) {
        // Only continuation cells: the figures belong to the current deepest indicator.
        for (int level = 3; level >= 1 && deepest == 0; --level)
          if (row.names[level - 1] && cur[level - 1] >= 0) deepest = level;
        if (deepest == 0) continue;
      }
      if (!row.max && !row.score && !row.rate) continue;
      const int index = cur[deepest - 1];
      Observation o = make_observation(kind, report_.indicators[index].name, row.line, row.begin, row.end, t);
      o.max = row.max;
      o.score = row.score;
      o.rate = row.rate;
      observe(index, std::move(o));
    }
  }

  // The annex restates the tree beside its scoring rules. Its rows are matched
  // to the tree by name (level 3 first, then parents through their children),
  // and rows that match nothing are kept as unmatched.
  void read_annex_table(const ScoreTable& table, int t) {
    struct Entry {
      int level;
      NameCell cell;
      std::size_t line;
      std::optional<Decimal> max;
      int parent_entry;
      int match = -1;
    };
    std::vector<Entry> entries;
    std::array<int, 3> cur = {-1, -1, -1};
    for (const ScoreRow& row : table.rows) {
      if (row.kind != ScoreRow::Kind::kIndicator) continue;
      int deepest = 0;
      for (int level = 1; level <= 3; ++level)
        if (row.names[level - 1] && !row.names[level - 1]->continuation) deepest = level;
      for (int level = 1; level <= 3; ++level) {
        const auto& cell = row.names[level - 1];
        if (!cell) continue;
        if (cell->continuation) {
          if (cur[level - 1] >= 0 && cell->max && !entries[cur[level - 1]].max) entries[cur[level - 1]].max = cell->max;
          continue;
        }
        Entry e{level, *cell, row.line, cell->max, level > 1 ? cur[level - 2] : -1};
        if (level == deepest && row.max) e.max = row.max;
        entries.push_back(e);
        cur[level - 1] = static_cast<int>(entries.size()) - 1;
        for (int deeper = level; deeper < 3; ++deeper) cur[deeper] = -1;
      }
    }
    // Level 3 by name anywhere in the tree, then levels 2 and 1 by name or by their children.
    for (int level = 3; level >= 1; --level) {
      for (std::size_t i = 0; i < entries.size(); ++i) {
        Entry& e = entries[i];
        if (e.level != level) continue;
        e.match = find(level, e.cell.name, -1, true);
        if (e.match >= 0) continue;
        std::map<int, int> votes;
        for (const Entry& child : entries)
          if (child.parent_entry == static_cast<int>(i) && child.match >= 0)
            ++votes[report_.indicators[child.match].parent];
        int best = -1, best_votes = 0;
        for (auto [parent, n] : votes)
          if (n > best_votes) { best = parent; best_votes = n; }
        if (best >= 0 && report_.indicators[best].level == level) e.match = best;
        if (e.match < 0) e.match = best_similar(e.cell.name, of_level(level, -1), kGlobalSimilarity);
      }
    }
    for (const Entry& e : entries) {
      Observation o = make_observation(SourceKind::kAnnexTable, e.cell.name, e.line, e.cell.begin, e.cell.end, t);
      o.max = e.max;
      if (e.match >= 0) {
        observe(e.match, std::move(o));
      } else {
        UnmatchedIndicator u;
        u.level = e.level;
        if (e.parent_entry >= 0) u.parent_name = entries[e.parent_entry].cell.name;
        u.observation = std::move(o);
        report_.unmatched.push_back(std::move(u));
      }
    }
  }

  // ---- statements --------------------------------------------------------------

  int level1_in(std::string_view text) const {
    int best = -1;
    std::size_t best_len = 0;
    for (int i : of_level(1, -1)) {
      const std::string& name = report_.indicators[i].name;
      if (text.find(name) != std::string_view::npos && name.size() > best_len) {
        best = i;
        best_len = name.size();
      }
    }
    return best;
  }

  void read_statements() {
    const Level1Patterns l1_patterns(level1_names());
    int section = -1;              // the level-1 indicator whose section we are in
    std::string section_class;     // numbering class of that section's heading
    int current_l2 = -1;
    std::map<std::string, int> class_level;  // numbering class -> level, learned in this section
    std::vector<std::string> class_order;    // numbering classes in the order first seen
    bool bands_read = false;
    std::vector<GradeBand> pending_bands;

    for (std::size_t i = 0; i < norm_.lines.size(); ++i) {
      const std::string_view line = norm_.line_text(i);
      if (trim(line).empty()) continue;
      const std::vector<IndicatorStatement> stated = find_indicator_statements(line);

      if (stated.empty()) {
        if (auto heading = parse_heading(line)) {
          int l1 = utf8_length(heading->text) <= 16 ? level1_in(heading->text) : -1;
          if (l1 < 0 && !has_results_table_ && utf8_length(heading->text) <= 16) {
            // No score table: the framework's level-1 names in headings start the tree.
            for (const std::string& name : kFrameworkLevel1)
              if (heading->text.find(name) != std::string::npos) l1 = find_or_add(1, name, -1);
          }
          if (l1 >= 0) {
            section = l1;
            section_class = heading->numbering;
            current_l2 = -1;
            class_level.clear();
            class_order.clear();
          } else if (heading->numbering == section_class) {
            section = -1;
            current_l2 = -1;
          }
        }
      }

      for (const IndicatorStatement& s : stated) {
        const int index = resolve_statement(s, section, current_l2, class_level, class_order);
        Observation o = make_observation(SourceKind::kNarrative, s.name, i, s.begin, s.end, -1);
        o.max = s.max;
        o.score = s.score;
        if (index < 0) {
          UnmatchedIndicator u;
          u.level = class_level.count(s.numbering) ? class_level[s.numbering] : 0;
          u.observation = std::move(o);
          report_.unmatched.push_back(std::move(u));
          continue;
        }
        if (report_.indicators[index].level == 2) current_l2 = index;
        if (report_.indicators[index].level == 1) section = index;
        observe(index, std::move(o));
      }

      for (const Level1Statement& s : find_level1_statements(line, l1_patterns)) {
        int index = find(1, s.name, -1, false);
        if (index < 0 && section < 0 && !has_results_table_) index = find_or_add(1, s.name, -1);
        // A statement in another level-1 section belongs to that section ("效益…产出指标满分为 18 分").
        if (section >= 0 && index != section) index = section;
        if (index < 0) continue;
        Observation o = make_observation(SourceKind::kLevel1Statement, s.name, i, s.begin, s.end, -1);
        o.max = s.max;
        o.score = s.score;
        observe(index, std::move(o));
      }

      for (const Enumeration& e : find_enumerations(line, l1_patterns)) {
        for (std::size_t k = 0; k < e.names.size(); ++k) {
          const int index = find(1, e.names[k], -1, false);
          if (index < 0) continue;
          Observation o = make_observation(SourceKind::kEnumeration, e.names[k], i, e.begin, e.end, -1);
          (e.is_max ? o.max : o.score) = e.values[k];
          observe(index, std::move(o));
        }
      }

      if (auto total = find_total_statement(line)) {
        Observation o = make_observation(SourceKind::kTotalStatement, "", i, total->begin, total->end, -1);
        o.score = total->score;
        observe(-1, std::move(o));
        report_.grades.push_back(GradeStatement{total->grade, span(i, total->grade_begin, total->grade_end)});
      }

      for (const CountStatement& c : find_count_statements(line)) {
        report_.count_statements.push_back(
            IndicatorCountStatement{c.level1, c.level2, c.level3, span(i, c.begin, c.end)});
      }

      // The scale is the first run of band clauses with at least two bands; it
      // may be one sentence or one band a line on consecutive lines.
      if (!bands_read) {
        const std::vector<ParsedBand> bands = find_grade_bands(line);
        if (bands.empty() && !pending_bands.empty()) {
          if (pending_bands.size() >= 2) {
            report_.grade_bands = std::move(pending_bands);
            bands_read = true;
          }
          pending_bands.clear();
        }
        for (const ParsedBand& b : bands)
          pending_bands.push_back(GradeBand{b.grade, b.lower, b.lower_inclusive, b.upper, b.upper_inclusive,
                                            span(i, b.begin, b.end)});
      }
    }
    if (!bands_read && pending_bands.size() >= 2) report_.grade_bands = std::move(pending_bands);
  }

  // Finds the indicator a narrative statement names: the same name (preferring
  // the current section), else the most similar sibling at the level its
  // numbering stands for in this section.
  int resolve_statement(const IndicatorStatement& s, int section, int current_l2,
                        std::map<std::string, int>& class_level, std::vector<std::string>& class_order) {
    if (!s.numbering.empty() &&
        std::find(class_order.begin(), class_order.end(), s.numbering) == class_order.end())
      class_order.push_back(s.numbering);

    int exact = -1;
    for (int level = 1; level <= 3 && exact < 0; ++level) {
      int any = -1;
      for (int c : of_level(level, -1)) {
        if (name_key(report_.indicators[c].name) != name_key(s.name)) continue;
        if (section < 0 || is_descendant(c, section)) { any = c; break; }
        if (any < 0) any = c;
      }
      exact = any;
    }
    if (exact >= 0) {
      if (!s.numbering.empty()) class_level[s.numbering] = report_.indicators[exact].level;
      return exact;
    }

    int level = 0;
    if (auto it = class_level.find(s.numbering); it != class_level.end()) {
      level = it->second;
    } else if (!s.numbering.empty()) {
      const auto pos = std::find(class_order.begin(), class_order.end(), s.numbering) - class_order.begin();
      level = pos == 0 ? 2 : 3;
    }
    std::vector<int> candidates;
    if (level == 3 && current_l2 >= 0) candidates = report_.children(current_l2);
    else if (level == 2 && section >= 0) candidates = report_.children(section);
    else if (level >= 2) candidates = of_level(level, section);
    int match = best_similar(s.name, candidates, kSiblingSimilarity);
    if (match < 0 && level >= 1) match = best_similar(s.name, of_level(level, -1), kGlobalSimilarity);
    if (match < 0 && !has_results_table_ && level >= 2) {
      // Narrative-only report: the statement itself defines the indicator.
      const int parent = level == 2 ? section : current_l2;
      if (parent >= 0) match = find_or_add(level, s.name, parent);
    }
    return match;
  }

  // ---- canonical values --------------------------------------------------------

  static void settle(Indicator& ind) {
    auto pick = [&](auto member) -> std::optional<Decimal> {
      const Observation* best = nullptr;
      for (const Observation& o : ind.observations) {
        if (!(o.*member)) continue;
        if (!best || static_cast<int>(o.kind) < static_cast<int>(best->kind)) best = &o;
      }
      return best ? best->*member : std::nullopt;
    };
    ind.max = pick(&Observation::max);
    ind.score = pick(&Observation::score);
    ind.rate = pick(&Observation::rate);
  }

  void settle_canonical_values() {
    for (Indicator& ind : report_.indicators) settle(ind);
    report_.total.level = 0;
    report_.total.name = "合计";
    settle(report_.total);
    // An open band ends at 0 or at the total max, and a band that ends at the
    // max includes it: nobody scores above the max.
    const Decimal top = report_.total.max.value_or(Decimal::from_int(100));
    for (GradeBand& b : report_.grade_bands) {
      if (!b.lower) {
        b.lower = Decimal();
        b.lower_inclusive = true;
      }
      if (!b.upper) b.upper = top;
      if (*b.upper == top) b.upper_inclusive = true;
    }
  }

  const Document& doc_;
  std::vector<NormalizedText> normalized_;  // per line, with the map back to doc_
  std::vector<std::vector<Quantity>> line_quantities_;  // per normalized line
  Document norm_;                            // the normalized lines as a document
  Report report_;
  bool has_results_table_ = false;
  std::vector<bool> has_max_;  // per indicator: some observation so far states its max
};

}  // namespace

Report build_report(const Document& doc) { return Builder(doc).build(); }

}  // namespace jixiao::normalize
