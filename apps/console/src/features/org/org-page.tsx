import { OrgNodeType, ROUTES, Role, type MeDto, type OrgNodeDto } from '@sbd/contracts';
import { Alert, Button, Card, Col, Empty, Row, Tree } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { call } from '@/platform/api';
import { has } from '@/platform/roles';
import { subtreeKeys, treeNode, visibleChildren, withChildren, type OrgTreeNode } from './org-format';
import { OrgImportDialog } from './org-import-dialog';
import { StaffPanel } from './staff-panel';

/** Nodes an import goes into: a district (its streets and units) or one street. */
const IMPORT_TARGETS: OrgNodeType[] = [OrgNodeType.District, OrgNodeType.Street];

/** 组织与人员: the org nodes in the admin's scope as a tree, and the staff of the selected one. */
export function OrgPage({ user }: { user: MeDto }) {
  const [tree, setTree] = useState<OrgTreeNode[]>([]);
  const [loaded, setLoaded] = useState<number[]>([]);
  const [selected, setSelected] = useState<OrgNodeDto | null>(null);
  const [importing, setImporting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** The tree as last rendered, for a refresh that finishes after other loads. */
  const current = useRef(tree);
  current.current = tree;
  const mayImport =
    !!selected &&
    IMPORT_TARGETS.includes(selected.type) &&
    has(user, Role.PlatformAdmin, Role.DistrictAdmin, Role.StreetAdmin);

  useEffect(() => {
    call(ROUTES.org.roots)
      .then((roots) => {
        setTree(roots.map(treeNode));
        if (roots[0]) setSelected(roots[0]);
      })
      .catch((e: Error) => setError(e.message));
  }, []);

  const fetchChildren = (key: number) =>
    call(ROUTES.org.children, { params: { id: key }, query: { includeClosed: 'true' } }).then((children) =>
      visibleChildren(children).map(treeNode),
    );

  const load = async (t: OrgTreeNode) => {
    if (!t.children) {
      try {
        const children = await fetchChildren(t.key);
        setTree((old) => withChildren(old, t.key, children));
      } catch (e) {
        setError((e as Error).message);
        return;
      }
    }
    setLoaded((keys) => [...keys, t.key]);
  };

  /**
   * After an import: the node's children afresh. What was loaded below it (as the tree is when the
   * answer arrives) counts as not loaded any more, so it reloads when it shows again.
   */
  const refresh = (key: number) => {
    fetchChildren(key)
      .then((children) => {
        const stale = new Set(subtreeKeys(current.current, key));
        setTree((old) => withChildren(old, key, children));
        setLoaded((keys) => [...keys.filter((k) => !stale.has(k)), key]);
      })
      .catch((e: Error) => setError(e.message));
  };

  return (
    <Row gutter={16}>
      <Col span={8}>
        <Card
          title="组织架构"
          extra={
            mayImport && (
              <Button size="small" onClick={() => setImporting(true)}>
                导入组织
              </Button>
            )
          }
        >
          {error && <Alert type="error" showIcon message={error} />}
          {tree.length > 0 ? (
            <Tree<OrgTreeNode>
              treeData={tree}
              loadData={load}
              loadedKeys={loaded}
              selectedKeys={selected ? [selected.id] : []}
              onSelect={(_, info) => setSelected(info.node.node)}
              aria-label="组织架构"
            />
          ) : (
            !error && <Empty description="暂无可管理的组织" />
          )}
        </Card>
      </Col>
      <Col span={16}>{selected && <StaffPanel key={selected.id} user={user} node={selected} />}</Col>
      {selected && mayImport && (
        <OrgImportDialog
          node={selected}
          open={importing}
          onClose={() => setImporting(false)}
          onImported={() => refresh(selected.id)}
        />
      )}
    </Row>
  );
}
