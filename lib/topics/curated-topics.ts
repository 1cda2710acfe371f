/**
 * The topics every reader can follow from the start. Descriptions are matched against insight
 * embeddings, so they use the concrete words people say about the field, not definitions; changing one
 * makes stored assignments stale (re-run topic assignment, and `npm run eval:topics`). A `parent` marks
 * a narrower topic: an insight gets it only when it says clearly more than the broader one, and
 * following the parent does not bring it. A reader's own topic is stored the same way (`topicFromPhrase`).
 */

import type { TopicText } from "@/lib/insights/topics/assign-topics";

export type TopicDefinition = {
  /** Stable, URL-safe; also the key the labelled checks in tests/fixtures use. */
  slug: string;
  name: string;
  description: string;
  /**
   * The slug of the broader curated topic this one narrows ("ai-business" narrows
   * "artificial-intelligence"). Assignment asks a narrower topic to say clearly more than its
   * broader one before it is chosen, and keeps to one topic of a family unless two are about equally
   * strong (see selectTopics).
   */
  parent?: string;
};

export const CURATED_TOPICS: readonly TopicDefinition[] = [
  {
    slug: "technology",
    name: "Technology",
    description:
      "Consumer technology and the tech industry: Apple, Google, Microsoft, Amazon and Meta, smartphones, PCs and laptops, Nvidia GPUs and graphics cards, chips and hardware, cloud platforms, app stores, gadgets and the internet platforms people use every day.",
  },
  {
    slug: "artificial-intelligence",
    name: "Artificial intelligence",
    description:
      "Artificial intelligence and machine learning as a technology: how large language models (LLMs) like ChatGPT, Claude and Gemini work, neural networks and transformers, training data, benchmarks like MMLU, generative AI, chatbots, chat models and AI agents, hallucinations, and what these models can and cannot do.",
    parent: "technology",
  },
  {
    slug: "ai-geopolitics",
    name: "AI geopolitics",
    description:
      "AI as a contest between nations: the United States and China racing for AI leadership, chip export controls, semiconductor supply chains and TSMC, national AI strategies and sovereign AI, which countries produce the leading foundation models, and military uses of AI.",
    parent: "artificial-intelligence",
  },
  {
    slug: "ai-business",
    name: "AI business",
    description:
      "The money side of AI: what it costs to train and serve models, compute spending, pricing of AI APIs and subscriptions, revenue and market share, OpenAI, Anthropic and Google competing for customers, economies of scale, and business models for AI products.",
    parent: "artificial-intelligence",
  },
  {
    slug: "ai-safety-regulation",
    name: "AI safety & regulation",
    description:
      "Rules and risks of AI: AI laws and bills such as the EU AI Act and California's SB 1047, regulators and compliance, liability, algorithmic bias and discrimination, audits and model risk management, AI safety, alignment and existential risk.",
    parent: "artificial-intelligence",
  },
  {
    slug: "open-source-software",
    name: "Open-source software",
    description:
      "Open-source software and its communities: maintainers, contributors and pull requests on GitHub, licenses, forks, foundations like the Python and Django Software Foundations, funding maintainers, and open-weight models.",
    parent: "technology",
  },
  {
    slug: "software-engineering",
    name: "Software engineering",
    description:
      "Building software well: code review, testing, debugging, refactoring and technical debt, architecture and design patterns, deployment and DevOps, developer tools and AI coding assistants like GitHub Copilot, Cursor and Claude Code.",
    parent: "technology",
  },
  {
    slug: "programming-languages",
    name: "Programming languages",
    description:
      "Programming languages and their ecosystems: Python, JavaScript and TypeScript, Rust, Go, C++ and Java; packaging and tools like pip, uv and npm; libraries and frameworks such as Django, FastAPI and pandas; language features and releases.",
    parent: "software-engineering",
  },
  {
    slug: "data-science",
    name: "Data science",
    description:
      "Data science and analytics: data scientists and analysts, datasets, pandas DataFrames and Jupyter notebooks, statistics, training and evaluating machine learning models, data pipelines, annotation and labelling, visualization and forecasting.",
    parent: "technology",
  },
  {
    slug: "cybersecurity",
    name: "Cybersecurity",
    description:
      "Cybersecurity: hackers, data breaches and stolen records, vulnerabilities and zero-days, bug bounties, ransomware, incident response, encryption, privacy of personal data and protecting systems from attack.",
    parent: "technology",
  },
  {
    slug: "startups-venture-capital",
    name: "Startups & venture capital",
    description:
      "Startups and venture capital: founders, fundraising rounds, seed and Series A, VC-backed companies, product-market fit, growth, pivots, acquisitions and bootstrapping a company.",
  },
  {
    slug: "markets-investing",
    name: "Markets & investing",
    description:
      "Markets and investing: stocks, share prices and earnings reports, quarterly revenue and profit, ETFs and funds, valuations, interest rates as investors see them, and how to invest money.",
  },
  {
    slug: "macroeconomics",
    name: "Macroeconomics",
    description:
      "The economy as a whole: inflation, interest rates and central banks like the Federal Reserve, GDP growth and recessions, unemployment, government debt, trade and tariffs, and monetary policy.",
  },
  {
    slug: "crypto-bitcoin",
    name: "Crypto & bitcoin",
    description:
      "Bitcoin and cryptocurrencies: blockchain, miners and mining pools, hash rate, soft forks like SegWit and Taproot, Bitcoin Core developers, wallets and self-custody, Ethereum, stablecoins and crypto exchanges.",
  },
  {
    slug: "energy",
    name: "Energy",
    description:
      "Energy: electricity grids and power plants, oil and natural gas, solar, wind and nuclear power, batteries and storage, energy prices, and the power demand of data centers.",
  },
  {
    slug: "climate",
    name: "Climate",
    // Not "global warming": description words are matched one by one, and "global" ("global pandemic")
    // put Climate on a remote-work insight.
    description:
      "Climate change: a warming planet, carbon emissions and net zero, extreme weather, heat waves, floods and wildfires, climate policy and agreements, carbon capture and adaptation.",
    parent: "science",
  },
  {
    slug: "health-medicine",
    name: "Health & medicine",
    description:
      "Health and medicine: doctors, patients and hospitals, diagnosis and treatment, drugs and dosages, clinical care, medical records and patient data, health insurance, disease and Covid-19, nutrition and exercise, and healthcare systems.",
  },
  {
    slug: "mental-health",
    name: "Mental health",
    description:
      "Mental health: stress, anxiety, depression and burnout, emotions and coping, therapy and psychologists, resilience, boundaries, self-care and emotional wellbeing.",
    parent: "health-medicine",
  },
  {
    slug: "neuroscience",
    name: "Neuroscience",
    description:
      "Neuroscience: how the brain works, neurons and brain regions, memory and cognition, sleep and the brain, stress hormones like cortisol, brain injury, and research on attention and learning.",
    parent: "science",
  },
  {
    slug: "science",
    name: "Science",
    description:
      "Scientific research and discovery: physics, chemistry, biology and mathematics, experiments, scientific papers and literature, peer review and preprints, biomedical research, research institutes and labs like CERN.",
  },
  {
    slug: "space",
    name: "Space",
    description:
      "Space exploration and astronomy: NASA and SpaceX, rockets and launches, satellites, the Moon and Mars, telescopes, planets, stars and galaxies.",
    parent: "science",
  },
  {
    slug: "biotech",
    name: "Biotech",
    description:
      "Biotechnology: genetics and genomics, DNA sequencing, CRISPR gene editing, drug discovery, vaccines and mRNA, proteins, clinical trials and longevity research.",
    parent: "science",
  },
  {
    slug: "education",
    name: "Education",
    description:
      "Education and learning: schools, universities and teachers, students and courses, online learning, mentoring and apprenticeships, certifications, and how people learn new skills.",
  },
  {
    slug: "media-podcasting",
    name: "Media & podcasting",
    description:
      "Media and podcasting: podcasts and podcast hosts, listeners and downloads, podcast advertising, Apple Podcasts, Spotify and YouTube, audio and video shows, journalism, publishers and the creator economy.",
  },
  {
    slug: "politics-policy",
    name: "Politics & policy",
    description:
      "Politics and public policy: governments, elections and parties, Congress, parliaments and state legislatures, laws, regulation and regulators, courts, and the policy debates that shape them.",
  },
  {
    slug: "geopolitics",
    name: "Geopolitics",
    description:
      "Geopolitics and international relations: the United States, China, Russia and Europe, wars and conflicts, sanctions, diplomacy, national security and power between countries.",
  },
  {
    slug: "work-careers",
    name: "Work & careers",
    description:
      "Work and careers: jobs and hiring, career changes, skills employers want, remote work, managers and teams, layoffs, and how work affects people's lives.",
  },
  {
    slug: "productivity",
    name: "Productivity",
    description:
      "Personal productivity: habits, focus and deep work, time management, routines, tools and workflows that help people get more done, and avoiding distraction.",
  },
  {
    slug: "history",
    name: "History",
    description:
      "History: past events, eras and civilizations, wars and revolutions, historical figures, and what earlier periods teach about the present.",
  },
  {
    slug: "culture",
    name: "Culture",
    description:
      "Culture and society: books, films, music, art and television, internet culture, trends, social norms, family life, relationships and how people live.",
  },
];

/** The curated topics as assignment takes them, their slugs as ids (evaluations and the CLI). */
export function curatedTopicTexts(): TopicText[] {
  return CURATED_TOPICS.map((topic) => ({ id: topic.slug, name: topic.name, description: topic.description, ...(topic.parent ? { parentId: topic.parent } : {}) }));
}

/** A reader's own topic: the phrase they wrote is its name and, as it stands, the text it is matched by. */
export function topicFromPhrase(phrase: string): TopicDefinition {
  const text = phrase.replace(/\s+/g, " ").trim();
  const slug = text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  // A phrase with no Latin letters or digits still needs some slug; the store makes it unique.
  return { slug: slug || "topic", name: text, description: text };
}
